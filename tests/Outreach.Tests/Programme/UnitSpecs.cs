using Outreach.Units;
using Outreach.Tests.Support;

namespace Outreach.Tests.Programme;

public sealed class UnitSpecs
{
    private static readonly Guid Id = Guid.Parse("5f0e2f1a-0b6c-4c8e-9a55-3d1e6a7b8c90");
    private static readonly DateTimeOffset T0 = new(2019, 1, 7, 8, 0, 0, TimeSpan.FromHours(7));
    private const string Clerk = "Văn phòng Thành ủy";

    private static Unit Fold(params object[] events) => events.Aggregate(Unit.None(Id), (u, e) => u.Evolve(e));

    private static IReadOnlyList<object> Decide(IUnitCommand command, params object[] given) => UnitCommands.Decide(command, Fold(given));

    private static readonly UnitRegistered Registered = new(Id, "phong-tu-phap", "Phòng Tư pháp", Clerk, T0);
    private static CadreAssigned Assigned(string code, int day = 1) => new(Id, code, "Cán bộ " + code, null, Clerk, T0.AddDays(day));

    [Test]
    public void A_unit_is_registered_once()
    {
        Assert.That(Decide(new RegisterUnit(Id, "phong-tu-phap", "Phòng Tư pháp", Clerk, T0)), Is.EqualTo(new object[] { Registered }));
        var spec = StreamSpec.Given(Registered);
        spec.ThenAlreadyRecorded(new RegisterUnit(Id, "phong-tu-phap", "Phòng Tư pháp", Clerk, T0));
        spec.ThenRefusedWith(new RegisterUnit(Id, "phong-tu-phap", "Phòng Tư pháp", Clerk, T0.AddDays(1)), "unit.register.exists", "already registered as phong-tu-phap");
        spec.ThenRefusedWith(new RegisterUnit(Id, "phong-noi-vu", "Phòng Nội vụ", Clerk, T0.AddDays(1)), "unit.register.exists", "already registered as phong-tu-phap");
    }

    [Test]
    public void Commands_on_an_unregistered_unit_are_refused_as_not_found()
        => Assert.Throws<StreamNotFoundException>(() => Decide(new AssignCadre(Id, "cb-1", "A", null, Clerk, T0)));

    [Test]
    public void A_cadre_joins_once()
    {
        Assert.That(Decide(new AssignCadre(Id, "cb-1", "Cán bộ cb-1", null, Clerk, T0.AddDays(1)), Registered), Is.EqualTo(new object[] { Assigned("cb-1") }));
        var ex = Assert.Throws<DomainRuleException>(() => Decide(new AssignCadre(Id, "cb-1", "Cán bộ cb-1", null, Clerk, T0.AddDays(2)), Registered, Assigned("cb-1")));
        Assert.That(ex!.Message, Does.Contain("already a member"));
    }

    [Test]
    public void Only_a_member_can_head_the_unit()
    {
        var ex = Assert.Throws<DomainRuleException>(() => Decide(new AppointUnitHead(Id, "cb-other-unit", Clerk, T0.AddDays(2)), Registered, Assigned("cb-1")));
        Assert.That(ex!.Message, Does.Contain("cb-other-unit is not a cadre of Phòng Tư pháp").And.Contain("AssignCadre"));
        Assert.That(Decide(new AppointUnitHead(Id, "cb-1", Clerk, T0.AddDays(2)), Registered, Assigned("cb-1")),
            Is.EqualTo(new object[] { new UnitHeadAppointed(Id, "cb-1", Clerk, T0.AddDays(2)) }));
    }

    [Test]
    public void Heads_change_over_time_and_earlier_terms_stay_on_record()
    {
        var unit = Fold(Registered, Assigned("cb-1"), Assigned("cb-2"), new UnitHeadAppointed(Id, "cb-1", Clerk, T0.AddDays(2)),
            new UnitHeadAppointed(Id, "cb-2", Clerk, new DateTimeOffset(2023, 5, 2, 8, 0, 0, TimeSpan.FromHours(7))));
        Assert.That(unit.Head, Is.EqualTo("cb-2"));
        Assert.That(unit.HeadOn(new DateOnly(2022, 12, 31)), Is.EqualTo("cb-1"));
        Assert.That(unit.HeadOn(new DateOnly(2023, 5, 2)), Is.EqualTo("cb-2"));
        Assert.That(unit.HeadOn(new DateOnly(2019, 1, 1)), Is.Null);
        var spec = StreamSpec.Given(Registered, Assigned("cb-2"), new UnitHeadAppointed(Id, "cb-2", Clerk, T0.AddDays(3)));
        spec.ThenRefusedWith(new AppointUnitHead(Id, "cb-2", Clerk, T0.AddYears(5)), "unit.appoint-head.already-head");
        spec.ThenAlreadyRecorded(new AppointUnitHead(Id, "cb-2", Clerk, T0.AddDays(3)));
    }

    [Test]
    public void The_head_cannot_be_released_before_a_successor_is_appointed()
    {
        object[] history = [Registered, Assigned("cb-1"), Assigned("cb-2"), new UnitHeadAppointed(Id, "cb-1", Clerk, T0.AddDays(2))];
        var ex = Assert.Throws<DomainRuleException>(() => Decide(new ReleaseCadre(Id, "cb-1", "retired", Clerk, T0.AddDays(3)), history));
        Assert.That(ex!.Message, Does.Contain("appoint another head first"));
        Assert.That(Decide(new ReleaseCadre(Id, "cb-2", "transferred", Clerk, T0.AddDays(3)), history), Has.Count.EqualTo(1));
    }

    [Test]
    public void A_visiting_group_is_formed_from_the_units_own_cadres()
    {
        object[] history = [Registered, Assigned("cb-1"), Assigned("cb-2")];
        var ex = Assert.Throws<DomainRuleException>(() => Decide(new FormVisitingGroup(Id, "to-1", ["cb-1", "cb-9"], Clerk, T0.AddDays(3)), history));
        Assert.That(ex!.Message, Does.Contain("cb-9 is not a cadre of Phòng Tư pháp"));
        var formed = Decide(new FormVisitingGroup(Id, "to-1", ["cb-1", "cb-2"], Clerk, T0.AddDays(3)), history).Single();
        var unit = Fold([.. history, formed, new CadreReleased(Id, "cb-2", "transferred", Clerk, T0.AddDays(9))]);
        Assert.That(unit.Groups.Single().Members, Is.EqualTo(new[] { "cb-1" }), "a released cadre leaves their groups");
    }

    [TestCase("Phòng Tư pháp", "code must be")]
    [TestCase("", "code must be")]
    public void Codes_are_checked(string code, string fragment)
    {
        var ex = Assert.Throws<CommandValidationException>(() => UnitCommands.All[0].Validate(new RegisterUnit(Id, code, "X", Clerk, T0)));
        Assert.That(ex!.Message, Does.Contain(fragment));
    }
}
