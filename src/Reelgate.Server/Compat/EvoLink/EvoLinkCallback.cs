using System.Text.Json;
using Reelgate.Server.Links;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Compat.EvoLink;

/// EvoLink's callback: POSTed to the task's callback_url when it completes, fails or is
/// cancelled, after the settle or refund (the outbox row is written in that transaction), with
/// the task object as the body. EvoLink documents no signature, so it carries the native Standard
/// Webhooks headers; it documents at most 3 retries, so 4 attempts in all.
internal sealed class EvoLinkCallback : DialectCallback
{
    public override string Dialect => Dialects.EvoLink;

    public override int? MaxAttempts => 4;

    public override string? Payload(TaskView view, TaskLinks links) =>
        JsonSerializer.Serialize(EvoLinkTasks.Of(view, links), Http.Json.Wire);
}
