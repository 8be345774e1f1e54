using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Outreach.Rotation;
using Outreach.Tests.Support;

namespace Outreach.Tests.Conventions;

/// <summary>
/// The stored event contracts: every event's stored name and JSON shape (as Marten's serializer writes it) against the
/// committed snapshot <c>event-contracts.txt</c>. A renamed class, a renamed, added, removed or retyped field, a renamed
/// enum value or a changed stored name fails here, before it reaches a database. When the change is deliberate (a new
/// contract version with an upcaster, or a rename that keeps the stored name and shape), regenerate the snapshot with
/// <c>OUTREACH_ACCEPT_CONTRACTS=1 dotnet test --filter EventContractTests</c> and commit it with the change.
/// </summary>
public sealed class EventContractTests
{
    private static string SnapshotPath => Path.Combine(Repository.Root(), "tests", "Outreach.Tests", "Conventions", "event-contracts.txt");

    [Test]
    public void Every_event_has_exactly_one_literal_stored_name()
    {
        Assert.That(OutreachEvents.StoredNames.Keys, Is.EquivalentTo(OutreachEvents.All));
        Assert.That(OutreachEvents.StoredNames.Values, Is.Unique);
        Assert.That(OutreachEvents.StoredNames.Values, Has.All.Match("^[a-z]+(_[a-z]+)*_v[1-9][0-9]*$"));
        Assert.That(OutreachEvents.StoredNames.Values, Does.Not.Contain(RotaRecordedV1.StoredName), "an earlier contract's name is only read, through its upcaster");
        Assert.Throws<ArgumentException>(() => OutreachEvents.StoredName(typeof(RotaRecordedV1)));
        Assert.That(OutreachEvents.EarlierContracts.Keys, Has.None.AnyOf(OutreachEvents.StoredNames.Values.ToArray()));
    }

    [Test]
    public void The_stored_names_and_shapes_match_the_committed_snapshot()
    {
        var actual = Describe();
        if (Environment.GetEnvironmentVariable("OUTREACH_ACCEPT_CONTRACTS") == "1")
        {
            File.WriteAllText(SnapshotPath, actual);
            Assert.Pass("The snapshot was rewritten; review and commit it.");
        }

        var expected = File.ReadAllText(SnapshotPath).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            var expectedLines = expected.Split('\n');
            var actualLines = actual.Split('\n');
            var first = Enumerable.Range(0, Math.Max(expectedLines.Length, actualLines.Length))
                .First(i => i >= expectedLines.Length || i >= actualLines.Length || expectedLines[i] != actualLines[i]);
            Assert.Fail($"""
                The event contracts differ from {SnapshotPath} at line {first + 1}:
                  committed: {(first < expectedLines.Length ? expectedLines[first] : "(end)")}
                  now:       {(first < actualLines.Length ? actualLines[first] : "(end)")}
                Stored events are read by these names and shapes. Rename fields or types only with a new contract version
                (a new stored name in OutreachEvents.StoredNames and an upcaster for the old one), then regenerate the
                snapshot with OUTREACH_ACCEPT_CONTRACTS=1 and commit it.
                """);
        }
    }

    [Test]
    public void The_description_sees_a_renamed_field()
    {
        // The check can fail: a record with one field renamed describes differently.
        var options = SerializerOptions();
        Assert.That(Shape(typeof(RotaEntry), options), Is.Not.EqualTo(Shape(typeof(RenamedEntry), options)));
        Assert.That(Shape(typeof(RotaEntry), options), Does.Contain("Week: DateOnly").And.Contain("Visitor: String"));
    }

    [Test]
    public void A_notice_and_an_extension_stored_before_their_optional_fields_read_as_an_acceptance_notice_and_an_extension_decided_live()
    {
        // The JSON of a step stored before Subject and FromPaperRecord existed, written the way the store writes today's.
        var options = SerializerOptions();
        var at = DateTimeOffset.Parse("2025-04-15T09:00:00+07:00", System.Globalization.CultureInfo.InvariantCulture);
        var id = Guid.NewGuid();
        static string Without(string json, string field)
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
            var key = node.Select(p => p.Key).Single(k => string.Equals(k, field, StringComparison.OrdinalIgnoreCase));
            node.Remove(key);
            return node.ToJsonString();
        }

        var notified = JsonSerializer.Serialize(new Outreach.Cases.DenunciationPartiesNotified(id, [Outreach.Cases.NoticeParty.Denounced], Outreach.Cases.DenunciationNoticeSubject.Conclusion, "a", at), options);
        var extended = JsonSerializer.Serialize(new Outreach.Cases.DenunciationSettlementExtended(id, 1, Outreach.Cases.DenunciationComplexity.Complex, 30, "r", true, "a", at), options);
        Assert.That(JsonSerializer.Deserialize<Outreach.Cases.DenunciationPartiesNotified>(Without(notified, "Subject"), options)!.Subject, Is.EqualTo(Outreach.Cases.DenunciationNoticeSubject.Acceptance));
        Assert.That(JsonSerializer.Deserialize<Outreach.Cases.DenunciationSettlementExtended>(Without(extended, "FromPaperRecord"), options)!.FromPaperRecord, Is.False);
        Assert.That(JsonSerializer.Deserialize<Outreach.Cases.DenunciationSettlementExtended>(extended, options)!.FromPaperRecord, Is.True, "the field itself round-trips");
    }

    [Test]
    public void Contract_1_of_a_rota_reads_as_contract_2()
    {
        var old = new RotaRecordedV1(Guid.NewGuid(), [new(2026, 11, 23), new(2026, 11, 30)], ["a", "b"], ["x", "y"], "Ban Dân vận", DateTimeOffset.Parse("2026-11-20T09:00:00+07:00", System.Globalization.CultureInfo.InvariantCulture));
        var upcast = old.Upcast();
        Assert.That(upcast.Visits, Is.EqualTo(new[] { new RotaEntry(new(2026, 11, 23), "a", "x"), new RotaEntry(new(2026, 11, 30), "b", "y") }));
        Assert.That((upcast.RotaId, upcast.RecordedBy, upcast.RecordedAt), Is.EqualTo((old.RotaId, old.RecordedBy, old.RecordedAt)));
    }

    [Test]
    public async Task A_stream_written_under_contract_1_still_reads_folds_and_rebuilds()
    {
        var schema = TestDatabase.NewSchemaName();
        var id = Guid.NewGuid();
        try
        {
            // A store that still writes contract 1 (as Outreach did before contract 2) …
            await using (var legacy = await TestDatabase.CreateStoreAsync(schema, configure: o => o.Events.MapEventType<LegacyRotaRecorded>(RotaRecordedV1.StoredName)))
            await using (var session = legacy.LightweightSession())
            {
                session.Events.StartStream<Rota>(id, new LegacyRotaRecorded(id, [new(2026, 11, 23), new(2026, 11, 23)], ["a", "b"], ["x", "y"], "Ban Dân vận",
                    DateTimeOffset.Parse("2026-11-20T09:00:00+07:00", System.Globalization.CultureInfo.InvariantCulture)));
                await session.SaveChangesAsync();
            }

            // … and today's store reads it as contract 2.
            await using var store = await TestDatabase.CreateStoreAsync(schema);
            await using var query = store.QuerySession();
            var events = await query.Events.FetchStreamAsync(id);
            Assert.That(events.Single().EventTypeName, Is.EqualTo("rota_recorded_v1"), "the stored row is untouched");
            var recorded = (RotaRecorded)events.Single().Data;
            Assert.That(recorded.Visits.Select(v => (v.Visitor, v.Locality)), Is.EqualTo(new[] { ("a", "x"), ("b", "y") }));

            var folded = await query.Events.AggregateStreamAsync<Rota>(id);
            Assert.That(folded!.Assignments.Select(a => a.Visitor + "@" + a.Locality), Is.EqualTo(new[] { "a@x", "b@y" }));

            await using (var owner = await OwnerStore.OpenAsync(schema))
            {
                await OutreachProjections.RebuildAsync(owner, ["Rota"]);
            }

            await using var after = store.QuerySession();
            var document = await after.LoadAsync<Rota>(id);
            Assert.That(document!.Assignments, Is.EqualTo(folded.Assignments));
        }
        finally
        {
            await TestDatabase.DropSchemaAsync(schema);
        }
    }

    /// <summary>Every stored name with its event's shape, then the shapes of the records and enums they use.</summary>
    private static string Describe()
    {
        var options = SerializerOptions();
        var text = new StringBuilder();
        var nested = new SortedDictionary<string, Type>(StringComparer.Ordinal);
        foreach (var type in OutreachEvents.All)
        {
            text.Append(OutreachEvents.StoredName(type)).Append(" = ").Append(type.FullName).Append('\n');
            text.Append(Shape(type, options, nested));
        }

        text.Append("\n# records and enums inside events\n");
        var done = new HashSet<Type>();
        while (nested.Values.FirstOrDefault(t => !done.Contains(t)) is { } next)
        {
            done.Add(next);
            text.Append(next.FullName).Append('\n').Append(Shape(next, options, nested));
        }

        return text.ToString();
    }

    private static string Shape(Type type, JsonSerializerOptions options, SortedDictionary<string, Type>? nested = null)
    {
        nested ??= [];
        var text = new StringBuilder();
        if (type.IsEnum)
        {
            text.Append("  ").AppendJoin(", ", Enum.GetNames(type)).Append('\n');
            return text.ToString();
        }

        var nullability = new NullabilityInfoContext();
        foreach (var property in options.GetTypeInfo(type).Properties)
        {
            var nullable = property.AttributeProvider is PropertyInfo info && nullability.Create(info).ReadState == NullabilityState.Nullable;
            text.Append("  ").Append(property.Name).Append(": ").Append(TypeName(property.PropertyType, options, nested)).Append(nullable ? "?" : "").Append('\n');
        }

        return text.ToString();
    }

    private static string TypeName(Type type, JsonSerializerOptions options, SortedDictionary<string, Type> nested)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return TypeName(inner, options, nested) + "?";
        }

        if (type.IsEnum)
        {
            nested[type.FullName!] = type;
            return type.Name;
        }

        var info = options.GetTypeInfo(type);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Enumerable:
                return "[" + TypeName(info.ElementType!, options, nested) + "]";
            case JsonTypeInfoKind.Dictionary:
                return "{" + TypeName(info.KeyType!, options, nested) + ": " + TypeName(info.ElementType!, options, nested) + "}";
            case JsonTypeInfoKind.Object:
                nested[type.FullName!] = type;
                return type.Name;
            default:
                return type.Name;
        }
    }

    /// <summary>The serializer options of an Outreach store, as Marten writes events with them.</summary>
    private static JsonSerializerOptions SerializerOptions()
    {
        var storeOptions = OutreachRegistration.StoreOptionsFor(new OutreachOptions { ConnectionString = "Host=127.0.0.1;Database=none;Username=none" });
        JsonSerializerOptions? captured = null;
        ((Marten.Services.SystemTextJsonSerializer)storeOptions.Serializer()).Configure(o => captured = o);
        captured!.MakeReadOnly(populateMissingResolver: true);
        return captured;
    }

    /// <summary>A <see cref="RotaEntry"/> with one field renamed: only its shape is read.</summary>
    public sealed record RenamedEntry(DateOnly Week, string Cadre, string Locality);

    private sealed record LegacyRotaRecorded(Guid RotaId, DateOnly[] Weeks, string[] Visitors, string[] Localities, string RecordedBy, DateTimeOffset RecordedAt);
}
