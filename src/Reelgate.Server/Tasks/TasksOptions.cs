namespace Reelgate.Server.Tasks;

/// `Tasks`: how long a create may hold its answer (`Prefer: wait`) and how often overdue tasks
/// (`Cancel-After`) are looked for.
internal sealed class TasksOptions
{
    public const string Section = "Tasks";

    /// The longest `Prefer: wait` honoured, in seconds (Replicate caps its sync mode at 60 s too);
    /// a longer wait asked for is cut to this and `Preference-Applied` says so.
    public int MaxWaitSeconds { get; set; } = 60;

    /// How often the worker role ends tasks whose `Cancel-After` deadline has passed: a task is
    /// cancelled at most this long after its deadline.
    public double DeadlineSweepSeconds { get; set; } = 5;

    public string? Problem() =>
        MaxWaitSeconds is < 1 or > 3600 ? "Tasks:MaxWaitSeconds must be from 1 to 3600."
        : DeadlineSweepSeconds is <= 0 or > 3600 ? "Tasks:DeadlineSweepSeconds must be more than 0 and at most 3600."
        : null;
}
