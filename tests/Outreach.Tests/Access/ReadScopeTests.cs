using Outreach.Access;
using Outreach.Units;

namespace Outreach.Tests.Access;

/// <summary>
/// <see cref="ReadScope"/> without a host: whose work a cadre or unit head sees, including steps that paper records name
/// by a person's name (with or without the office), and what refuses outside it.
/// </summary>
public sealed class ReadScopeTests
{
    private static readonly DateOnly Day = new(2024, 3, 4);

    private static readonly Unit Justice = Unit.None(Guid.NewGuid()) with
    {
        Exists = true, Code = "phong-tu-phap", Name = "Phòng Tư pháp",
        Members = [new UnitMember("phong-tu-phap.1", "Lê Thị Hồng", "Trưởng phòng"), new UnitMember("phong-tu-phap.2", "Ngô Quốc Huy", null)],
        Heads = [new HeadTerm("phong-tu-phap.1", new DateOnly(2020, 1, 1))],
    };

    private static readonly Unit Works = Unit.None(Guid.NewGuid()) with
    {
        Exists = true, Code = "phong-qldt", Name = "Phòng Quản lý đô thị",
        Members = [new UnitMember("phong-qldt.1", "Huỳnh Văn Phúc", "Trưởng phòng")],
        Heads = [new HeadTerm("phong-qldt.1", new DateOnly(2020, 1, 1))],
    };

    private static ReadScope Of(string code, params string[] roles) => ReadScope.Of([Justice, Works], new OutreachPerson(code, roles.ToHashSet()), Day);

    [TestCase("phong-tu-phap.1", true)]
    [TestCase("Lê Thị Hồng", true)]
    [TestCase("Lê Thị Hồng (Phòng Tư pháp)", true)]
    [TestCase("Ngô Quốc Huy (Tư pháp)", true)]
    [TestCase("phong-tu-phap", true)]
    [TestCase("Lê Thị Hồng Nhung", false)]
    [TestCase("Lê Thị Hồng (Phòng Tư pháp", false)]
    [TestCase("Huỳnh Văn Phúc (Phòng QLĐT)", false)]
    [TestCase("phong-qldt.1", false)]
    [TestCase(null, false)]
    public void A_cadre_sees_their_units_people_by_code_by_name_and_by_name_with_office(string? recorded, bool seen)
        => Assert.That(Of("phong-tu-phap.2", "cadre").SeesPerson(recorded), Is.EqualTo(seen));

    [Test]
    public void A_case_a_paper_record_names_by_name_is_in_the_scope_and_the_database_predicate_agrees()
    {
        var scope = Of("phong-tu-phap.2", "cadre");
        var predicate = scope.CasePredicate().Compile();
        var cases = new[]
        {
            Outreach.Cases.Case.None(Guid.NewGuid()) with { ReceivedBy = "Lê Thị Hồng (Phòng Tư pháp)" },
            Outreach.Cases.Case.None(Guid.NewGuid()) with { ReceivedBy = "Huỳnh Văn Phúc (Phòng QLĐT)" },
            Outreach.Cases.Case.None(Guid.NewGuid()) with { ReceivedBy = "phong-qldt.1", Legal = Outreach.Cases.CaseState.None(Guid.NewGuid()) with { Verifier = "phong-tu-phap.2" } },
            Outreach.Cases.Case.None(Guid.NewGuid()) with { ReceivedBy = "phong-qldt.1" },
        };
        Assert.That(cases.Select(scope.SeesCase), Is.EqualTo(new[] { true, false, true, false }));
        Assert.That(cases.Select(predicate), Is.EqualTo(cases.Select(scope.SeesCase)), "the database is asked the same question");
        Assert.That(() => scope.EnsureSeesCase(cases[1]), Throws.TypeOf<AccessDeniedException>().With.Property("Code").EqualTo("access.case-outside-scope"));
    }

    [TestCase("committee")]
    [TestCase("auditor")]
    [TestCase("administrator")]
    public void The_committee_auditors_and_administrators_see_everything(string role)
    {
        var scope = Of("someone", role);
        Assert.That((scope.IsEverything, scope.SeesPerson("anyone"), scope.SeesUnit(Guid.NewGuid())), Is.EqualTo((true, true, true)));
    }

    [Test]
    public void A_visit_or_a_difficulty_of_another_unit_is_refused_with_its_own_code()
    {
        var scope = Of("phong-tu-phap.1", "unit-head");
        var visit = Outreach.Visits.Visit.None(Guid.NewGuid()) with { Legal = Outreach.Visits.VisitState.None(Guid.NewGuid()) with { UnitId = Works.Id, Visitors = ["phong-qldt.1"] } };
        var ours = visit with { Legal = visit.Legal with { Visitors = ["phong-qldt.1", "phong-tu-phap.2"] } };
        Assert.That((scope.SeesVisit(visit), scope.SeesVisit(ours)), Is.EqualTo((false, true)), "a visit one of our people joined is ours to read");
        Assert.That(() => scope.EnsureSeesVisit(visit), Throws.TypeOf<AccessDeniedException>().With.Property("Code").EqualTo("access.visit-outside-scope"));

        var difficulty = Outreach.Difficulties.Difficulty.None(Guid.NewGuid()) with { UnitId = Works.Id, RaisedBy = "phong-qldt.1" };
        Assert.That(scope.SeesDifficulty(difficulty), Is.False);
        Assert.That(scope.SeesDifficulty(difficulty with { AwaitingResponseFrom = "phong-tu-phap.1" }), Is.True, "waiting on our head");
        Assert.That(() => scope.EnsureSeesDifficulty(difficulty), Throws.TypeOf<AccessDeniedException>().With.Property("Code").EqualTo("access.difficulty-outside-scope"));
    }
}
