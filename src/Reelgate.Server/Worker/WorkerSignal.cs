namespace Reelgate.Server.Worker;

/// Rung when this process queues a task.
internal sealed class WorkerSignal : Data.Doorbell;
