using Outreach.Tests.Support;
using Outreach.Units;

namespace Outreach.Tests.Programme;

/// <summary>People are named by name and position with their code beside them, from the units' documents.</summary>
public sealed class StaffDirectoryTests
{
    private static readonly DateTimeOffset At = new(2024, 3, 4, 9, 0, 0, TimeSpan.FromHours(7));

    [Test]
    public async Task A_member_is_named_with_position_and_code_a_group_with_its_unit_and_anything_else_as_it_is()
    {
        var schema = TestDatabase.NewSchemaName();
        using var store = await TestDatabase.CreateStoreAsync(schema);
        try
        {
            var unit = Guid.NewGuid();
            await using (var session = store.LightweightSession())
            {
                await session.HandleAsync(new RegisterUnit(unit, "phong-tu-phap", "Phòng Tư pháp", "Văn phòng", At));
                await session.HandleAsync(new AssignCadre(unit, "cb-7", "Lê Thị Hồng", "Trưởng phòng", "Văn phòng", At.AddHours(1)));
                await session.HandleAsync(new AssignCadre(unit, "cb-8", "Phạm Văn Tư", null, "Văn phòng", At.AddHours(2)));
                await session.HandleAsync(new FormVisitingGroup(unit, "to-3", ["cb-7", "cb-8"], "Văn phòng", At.AddHours(3)));
            }

            await using var query = store.QuerySession();
            var staff = await StaffDirectory.LoadAsync(query);
            Assert.That(staff.Label("cb-7"), Is.EqualTo("Lê Thị Hồng, Trưởng phòng (cb-7)"));
            Assert.That(staff.Label("cb-8"), Is.EqualTo("Phạm Văn Tư (cb-8)"));
            Assert.That(staff.Label("to-3"), Is.EqualTo("to-3 (Phòng Tư pháp)"));
            Assert.That(staff.Label("UBND thành phố"), Is.EqualTo("UBND thành phố"));
            Assert.That(staff.Find("cb-7")!.UnitName, Is.EqualTo("Phòng Tư pháp"));
            Assert.That(StaffDirectory.Empty.Label("cb-7"), Is.EqualTo("cb-7"));
        }
        finally
        {
            await TestDatabase.DropSchemaAsync(schema);
        }
    }
}
