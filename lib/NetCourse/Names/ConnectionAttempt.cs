using System.Net;

namespace NetCourse;

/// <summary>One connect of a <see cref="HappyEyeballs"/> race: where to, when it started and ended (from the start of the race) and how it ended.</summary>
public sealed record ConnectionAttempt(IPEndPoint Target, TimeSpan Started, TimeSpan? Ended, string Outcome);
