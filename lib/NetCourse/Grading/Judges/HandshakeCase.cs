namespace NetCourse;

/// <summary>
/// One scenario of exercise 14.2: the learner's client connects <paramref name="Connects"/> times, each connect with a
/// deadline of <paramref name="PerAttemptMs"/>; the judge slows <paramref name="Slowed"/> of those connects, chosen at random
/// and never the first, by letting their first SYN meet a full accept queue; when <paramref name="LastUnanswered"/>, the
/// last connect never gets an answer.
/// </summary>
public sealed record HandshakeCase(int Connects, int Slowed, bool LastUnanswered = false, int PerAttemptMs = 2000)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{Connects} connects, {Slowed} slowed{(LastUnanswered ? ", the last unanswered" : "")}, {PerAttemptMs} ms each";
}
