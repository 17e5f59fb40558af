namespace NetCourse;

/// <summary>One run of <see cref="ConcurrencyExperiment"/>: one serving model, one number of clients.</summary>
/// <param name="Model">How the server served its clients.</param>
/// <param name="Clients">How many clients sent messages (the slow client not counted).</param>
/// <param name="Served">Clients that got every echo back before the run's limit.</param>
/// <param name="Messages">Echoes received in all.</param>
/// <param name="Seconds">From the first connect to the last client finishing.</param>
/// <param name="P50Milliseconds">Median round trip, connect-to-first-echo included for each client's first message.</param>
/// <param name="P99Milliseconds">99th-percentile round trip.</param>
/// <param name="ServerThreads">Threads the server started.</param>
public sealed record ConcurrencyPoint(
    ServingModel Model, int Clients, int Served, int Messages, double Seconds, double P50Milliseconds, double P99Milliseconds, int ServerThreads)
{
    /// <summary>Echoes per second over the run.</summary>
    public double Throughput => Seconds > 0 ? Messages / Seconds : 0;
}
