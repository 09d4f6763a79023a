namespace Reelgate.Server.Setup;

/// `Roles` = `api`, `worker`, or both (the default, also written `api,worker`). An api-only
/// process never renders; a worker-only process serves only /healthz and /readyz.
internal sealed record ServerRoles(bool Api, bool Worker)
{
    public static ServerRoles Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return new(true, true);
        var parts = value.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.ToLowerInvariant()).ToList();
        var unknown = parts.FirstOrDefault(p => p is not ("api" or "worker"));
        if (unknown is not null || parts.Count == 0)
            throw new InvalidOperationException($"Roles must be api, worker or api,worker; '{unknown ?? value}' is not a role.");
        return new(parts.Contains("api"), parts.Contains("worker"));
    }
}
