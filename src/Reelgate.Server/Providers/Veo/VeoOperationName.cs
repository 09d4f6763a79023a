using System.Text.RegularExpressions;

namespace Reelgate.Server.Providers.Veo;

/// Operation names come back from the upstream and are stored; before one goes into a URL path
/// it must look like one ("models/…/operations/…", "projects/…/operations/…").
internal static partial class VeoOperationName
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._~/-]*/operations/[A-Za-z0-9._~-]+$")]
    private static partial Regex Shape();

    public static bool IsValid(string? name) => name is { Length: <= 1024 } && Shape().IsMatch(name) && !name.Contains("..", StringComparison.Ordinal);
}
