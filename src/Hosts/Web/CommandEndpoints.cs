using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Outreach.Access;
using Outreach.Deadlines;

namespace Outreach.Web;

/// <summary>What a POST answers: the stream, its version after the step (also the <c>ETag</c>), the events recorded.</summary>
/// <param name="StreamId">The case, visit, unit, difficulty or rota.</param>
/// <param name="Version">The stream's version after the step; send it back as <c>If-Match</c> to act on exactly this state.</param>
/// <param name="Events">The events recorded now (empty when the step was already in the record).</param>
/// <param name="Repeated">True when the <c>Idempotency-Key</c> was seen before: this is the first answer, and nothing new was recorded.</param>
internal sealed record CommandAnswer(Guid StreamId, long Version, IReadOnlyList<string> Events, bool Repeated);

/// <summary>
/// One POST per command, <c>/api/{noun}/{verb}</c> as the console names it (<c>outreach complaint accept</c> →
/// <c>POST /api/complaint/accept</c>), grouped per stream. The body holds the command's fields without <c>actor</c>:
/// the actor is the signed-in person. <c>occurredAt</c> defaults to now.
/// </summary>
internal static class CommandEndpoints
{
    /// <summary>The deepest JSON a command body may nest (commands nest two levels at most).</summary>
    public const int MaxBodyDepth = 16;

    /// <summary>Maps a POST for every command some role may record.</summary>
    public static WebApplication MapOutreachCommands(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api").RequireOutreachPerson()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        foreach (var stream in OutreachCommands.All.Where(d => CommandAccess.RolesFor(d).Count > 0).GroupBy(d => d.StreamNoun))
        {
            foreach (var descriptor in stream)
            {
                api.MapPost($"/{descriptor.Noun}/{descriptor.Verb}", (HttpContext context, OutreachService service, TimeProvider clock, CancellationToken ct)
                        => RecordAsync(descriptor, context, service, clock, ct))
                    .WithTags(stream.Key)
                    .WithName(descriptor.Name)
                    .WithSummary(descriptor.Summary)
                    .WithDescription("Roles: " + string.Join(", ", CommandAccess.RolesFor(descriptor)) + ". The actor is the signed-in person; occurredAt defaults to now.")
                    .Accepts(descriptor.CommandType, "application/json");
            }
        }

        return app;
    }

    private static async Task<Ok<CommandAnswer>> RecordAsync(CommandDescriptor descriptor, HttpContext context, OutreachService service, TimeProvider clock, CancellationToken ct)
    {
        var person = WebIdentity.PersonOf(context);
        CommandAccess.EnsureAllowed(person, descriptor);
        var fields = await ReadFieldsAsync(context.Request, ct).ConfigureAwait(false);
        if (fields.ContainsKey("actor"))
        {
            throw new CommandInputException("access.actor-field");
        }

        // A retry is the same body: recognised by what the client sent, before the host adds the actor and a time of now.
        var sent = fields.DeepClone();
        fields["actor"] = person.StaffCode;
        if (!fields.ContainsKey("occurredAt"))
        {
            fields["occurredAt"] = clock.GetUtcNow().ToOffset(VietnamTime.Offset);
        }

        var command = CommandJson.Bind(descriptor, fields);
        var expected = ExpectedVersion(context.Request);
        var answer = context.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } key
            ? await service.HandleOnceAsync(command, key, expected, sent.ToJsonString(), ct).ConfigureAwait(false)
            : new RequestAnswer(await service.HandleAsync(command, expected, ct).ConfigureAwait(false), IsRepeat: false);
        context.Response.Headers.ETag = $"\"{answer.Result.Version}\"";
        return TypedResults.Ok(new CommandAnswer(answer.Result.StreamId, answer.Result.Version, answer.Result.Events, answer.IsRepeat));
    }

    /// <summary>Reads the body as one JSON object, refusing bad JSON, duplicate fields and deep nesting (routing already refused a body that is not JSON: 415).</summary>
    private static async Task<JsonObject> ReadFieldsAsync(HttpRequest request, CancellationToken ct)
    {
        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(request.Body, new JsonNodeOptions { PropertyNameCaseInsensitive = false },
                new JsonDocumentOptions { MaxDepth = MaxBodyDepth }, ct).ConfigureAwait(false);
            // Parsing is lazy: counting the properties is what finds a field given twice.
            _ = node is JsonObject parsed ? parsed.Count : 0;
        }
        catch (JsonException ex)
        {
            throw new CommandInputException(ex, "request.body.malformed", SystemReason.Of(ex));
        }
        catch (ArgumentException ex)
        {
            throw new CommandInputException(ex, "request.body.malformed", SystemReason.Of(ex));
        }

        return node as JsonObject ?? throw new CommandInputException("request.body.not-object");
    }

    /// <summary>The version <c>If-Match</c> names (<c>"7"</c>), or none for no header or <c>*</c>.</summary>
    private static long? ExpectedVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return null;
        }

        return header.Length > 2 && header[0] == '"' && header[^1] == '"'
            && long.TryParse(header.AsSpan(1, header.Length - 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new CommandInputException("request.if-match.invalid");
    }
}
