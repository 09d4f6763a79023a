namespace Reelgate.Server.Worker;

internal sealed class WorkerOptions
{
    public const string Section = "Worker";

    /// Parallel renders in this process.
    public int Concurrency { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// A claimed task belongs to its worker this long after the last heartbeat.
    public double LeaseSeconds { get; set; } = 30;

    /// How often a running task writes progress and renews its lease (also how soon a
    /// cancellation made through another process reaches the render).
    public double HeartbeatSeconds { get; set; } = 1;

    /// How often an idle worker looks for work when nobody wakes it.
    public double PollSeconds { get; set; } = 1;

    public double RenderTimeoutSeconds { get; set; } = 900;

    /// Claims of one task before it is failed rather than tried again (a render that kills its worker).
    public int MaxAttempts { get; set; } = 3;

    public bool Enabled { get; set; } = true;
}
