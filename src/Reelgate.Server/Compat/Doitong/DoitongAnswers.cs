using System.Globalization;
using System.Text.Json;
using GraphQL;
using GraphQLParser.AST;

namespace Reelgate.Server.Compat.Doitong;

/// The GraphQL answer of a `generate` mutation written without the executor, so that under an
/// Idempotency-Key it can be stored in the task's own transaction (a crash then leaves the task
/// and its answer, or neither) and replayed byte for byte. Only for the seed's form: an operation
/// whose one root field is `generate`; other documents are stored by the idempotency filter after.
internal static class DoitongAnswers
{
    public static Func<DoitongGeneration, byte[]>? SingleFieldRenderer(IResolveFieldContext c)
    {
        if (c.Operation.SelectionSet.Selections is not [GraphQLField root] || root != c.FieldAst || c.SubFields is not { } fields) return null;
        var key = c.FieldAst.Alias?.Name.StringValue ?? c.FieldAst.Name.StringValue;
        var selected = fields.Select(f => (Key: f.Key, Field: f.Value.FieldType.Name)).ToList();
        return g => Render(key, selected, g);
    }

    static byte[] Render(string key, IReadOnlyList<(string Key, string Field)> selected, DoitongGeneration g)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartObject("data");
            w.WriteStartObject(key);
            foreach (var (name, field) in selected)
            {
                w.WritePropertyName(name);
                WriteField(w, field, g);
            }
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// One field of `Generation`, as the GraphQL serializer writes it (GenerationGraphType).
    static void WriteField(Utf8JsonWriter w, string field, DoitongGeneration g)
    {
        switch (field)
        {
            case "id": w.WriteStringValue(g.Id); break;
            case "status": w.WriteStringValue(g.Status); break;
            case "type": w.WriteStringValue(g.Type); break;
            case "provider": w.WriteStringValue(g.Provider); break;
            case "url": Nullable(w, g.Url); break;
            case "metadata": JsonSerializer.Serialize(w, g.Metadata); break;
            case "creditCost": w.WriteRawValue(((double)g.CreditCost).ToString("R", CultureInfo.InvariantCulture)); break;
            case "createdAt": w.WriteStringValue(g.CreatedAt); break;
            case "completedAt": Nullable(w, g.CompletedAt); break;
            case "webhookUrl": Nullable(w, g.WebhookUrl); break;
            case "progress": w.WriteNumberValue(g.Progress); break;
            case "error": Nullable(w, g.Error); break;
            case "__typename": w.WriteStringValue("Generation"); break;
            default: w.WriteNullValue(); break;
        }
    }

    static void Nullable(Utf8JsonWriter w, string? value)
    {
        if (value is null) w.WriteNullValue(); else w.WriteStringValue(value);
    }
}
