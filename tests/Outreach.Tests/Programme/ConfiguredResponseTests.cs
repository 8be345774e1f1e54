using Outreach.Difficulties;
using Outreach.Tests.Support;
using Outreach.Units;

namespace Outreach.Tests.Programme;

/// <summary>A deployment sets its own response periods per escalation level.</summary>
public sealed class ConfiguredResponseTests
{
    [Test]
    public async Task An_escalation_without_a_date_gets_the_deployments_period_for_its_level()
    {
        var schema = TestDatabase.NewSchemaName();
        using var store = await TestDatabase.CreateStoreAsync(schema, new OutreachOptions { UnitHeadResponseDays = 3, CityResponseDays = 10 });
        try
        {
            var vn = TimeSpan.FromHours(7);
            var unit = Guid.NewGuid();
            var difficulty = Guid.NewGuid();
            await using var session = store.LightweightSession();
            await session.HandleAsync(new RegisterUnit(unit, "phong-tu-phap", "Phòng Tư pháp", "Thành ủy", new DateTimeOffset(2024, 1, 2, 8, 0, 0, vn)));
            await session.HandleAsync(new AssignCadre(unit, "tp.1", "Lê Thị Hồng", null, "Thành ủy", new DateTimeOffset(2024, 1, 2, 9, 0, 0, vn)));
            await session.HandleAsync(new AssignCadre(unit, "tp.2", "Ngô Quốc Huy", null, "Thành ủy", new DateTimeOffset(2024, 1, 2, 9, 0, 0, vn)));
            await session.HandleAsync(new AppointUnitHead(unit, "tp.1", "Thành ủy", new DateTimeOffset(2024, 1, 3, 8, 0, 0, vn)));
            await session.HandleAsync(new RaiseDifficulty(difficulty, null, unit, "phuong-4", "Thiếu cán bộ hòa giải", "tp.2", new DateTimeOffset(2024, 5, 10, 9, 0, 0, vn)));
            await session.HandleAsync(new EscalateDifficulty(difficulty, EscalationLevel.UnitHead, "tp.1", "Cần bổ sung nhân sự", null, "tp.2", new DateTimeOffset(2024, 5, 10, 10, 0, 0, vn)));
            await session.HandleAsync(new EscalateDifficulty(difficulty, EscalationLevel.City, "UBND thành phố", "Vượt thẩm quyền", null, "tp.1", new DateTimeOffset(2024, 5, 11, 10, 0, 0, vn)));

            await using var query = store.QuerySession();
            var events = (await query.Events.FetchStreamAsync(difficulty)).Select(e => e.Data).OfType<DifficultyEscalated>().ToArray();
            Assert.That(events.Select(e => e.ResponseDue), Is.EqualTo(new[] { new DateOnly(2024, 5, 13), new DateOnly(2024, 5, 21) }));
        }
        finally
        {
            await TestDatabase.DropSchemaAsync(schema);
        }
    }
}
