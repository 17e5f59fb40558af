namespace NetCourse;

/// <summary>
/// One scenario of exercise 17.1: the request (id and text) and the learner's limits (tries, first timeout), and what
/// the judge's server does: ignore the first <paramref name="Drop"/> tries (never answer when Drop ≥ Tries), and, when
/// <paramref name="StaleFirst"/>, answer the first try with a reply carrying another id.
/// </summary>
public sealed record RetryCase(ushort Id, string Text, int Tries, int FirstTimeoutMs, int Drop, bool StaleFirst = false);
