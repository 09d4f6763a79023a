namespace Reelgate.Server.Compat.AceData;

/// `Compat:AceData`. A create without `callback_url` waits for the result, as AceData's does, but
/// at most WaitSeconds; after that it answers with the task id and the state so far.
internal sealed class AceDataOptions
{
    public const string Section = "Compat:AceData";

    public double WaitSeconds { get; set; } = 300;
}
