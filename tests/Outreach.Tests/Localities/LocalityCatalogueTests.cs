using System.Text;
using Outreach.Localities;

namespace Outreach.Tests.Localities;

public sealed class LocalityCatalogueTests
{
    private static readonly LocalityCatalogue CaoLanh = LocalityCatalogue.CaoLanh;

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Test]
    public void The_shipped_catalogue_has_15_units_and_69_hamlets_in_2019()
    {
        var in2019 = CaoLanh.InForce(D(2019, 6, 1));
        Assert.That(in2019.Count(l => l.IsCommuneLevel), Is.EqualTo(15));
        Assert.That(in2019.Count(l => !l.IsCommuneLevel), Is.EqualTo(69));
        Assert.That(in2019.Count(l => l.Kind == LocalityKind.Ward), Is.EqualTo(8));
    }

    [Test]
    public void The_2025_reorganisations_leave_13_then_3_commune_level_units()
    {
        Assert.That(CaoLanh.InForce(D(2024, 12, 31), communeLevelOnly: true), Has.Count.EqualTo(15));
        Assert.That(CaoLanh.InForce(D(2025, 1, 1), communeLevelOnly: true), Has.Count.EqualTo(13));
        Assert.That(CaoLanh.InForce(D(2025, 7, 1), communeLevelOnly: true).Select(l => l.Name), Is.EquivalentTo(new[] { "Phường Cao Lãnh", "Phường Mỹ Ngãi", "Phường Mỹ Trà" }));
        Assert.That(CaoLanh.InForce(D(2025, 7, 1)).Count(l => !l.IsCommuneLevel), Is.EqualTo(69), "hamlets survive the mergers");
    }

    [Test]
    public void A_2019_visit_to_ward_2_reads_as_ward_2_and_rolls_up_to_todays_unit()
    {
        Assert.That(CaoLanh.NameOn("phuong-2", D(2019, 3, 1)), Is.EqualTo("Phường 2"));
        Assert.That(CaoLanh.NameOn("phuong-2/khom-1", D(2019, 3, 1)), Is.EqualTo("Khóm 1, Phường 2"));
        Assert.That(CaoLanh.NameOn("phuong-2/khom-1", D(2025, 3, 1)), Is.EqualTo("Khóm 1, Phường 1"));
        Assert.That(CaoLanh.NameOn("phuong-2/khom-1", D(2026, 3, 1)), Is.EqualTo("Khóm 1, Phường Cao Lãnh"));
        Assert.That(CaoLanh.SuccessorsOn("phuong-2", D(2019, 3, 1)), Is.EqualTo(new[] { "phuong-2" }));
        Assert.That(CaoLanh.SuccessorsOn("phuong-2", D(2025, 3, 1)), Is.EqualTo(new[] { "phuong-1" }));
        Assert.That(CaoLanh.SuccessorsOn("phuong-2", D(2026, 11, 26)), Is.EqualTo(new[] { "cao-lanh" }));
        Assert.That(CaoLanh.SuccessorsOn("phuong-11", D(2025, 3, 1)), Is.EqualTo(new[] { "phuong-my-ngai" }));
        Assert.That(CaoLanh.SuccessorsOn("phuong-11", D(2026, 1, 1)), Is.EqualTo(new[] { "my-ngai-2025" }));
    }

    [Test]
    public void Predecessor_and_successor_links_are_recorded_both_ways()
    {
        var myNgaiWard = CaoLanh.Find("phuong-my-ngai")!;
        Assert.That(myNgaiWard.Predecessors, Is.EquivalentTo(new[] { "phuong-11", "my-ngai" }));
        Assert.That(myNgaiWard.ValidFrom, Is.EqualTo(D(2025, 1, 1)));
        Assert.That(myNgaiWard.ValidTo, Is.EqualTo(D(2025, 7, 1)));
        Assert.That(CaoLanh.Find("phuong-1")!.Predecessors, Is.EqualTo(new[] { "phuong-2" }), "ward 1 continues and absorbs ward 2");
        Assert.That(CaoLanh.Find("phuong-2")!.Successors, Is.EqualTo(new[] { "phuong-1" }));
    }

    [TestCase("phuong-2", 2024, 12, 31, null, null)]
    [TestCase("phuong-2", 2025, 1, 1, "locality.ceased", "ceased on 2025-01-01 and became part of Phường 1 (phuong-1)")]
    [TestCase("cao-lanh", 2025, 6, 30, "locality.not-yet", "did not exist yet on 2025-06-30")]
    [TestCase("phuong-99", 2024, 1, 1, "locality.unknown", "Unknown locality \"phuong-99\"")]
    public void Problems_say_what_is_wrong_and_what_to_use(string code, int y, int m, int d, string? problemCode, string? fragment)
    {
        var problem = CaoLanh.Problem(code, D(y, m, d));
        if (fragment is null)
        {
            Assert.That(problem, Is.Null);
        }
        else
        {
            Assert.That(problem!.Code, Is.EqualTo(problemCode));
            Assert.That(problem.Message, Does.Contain(fragment));
        }
    }

    private static LocalityCatalogue Load(string json) => LocalityCatalogue.FromJson(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    [Test]
    public void A_deployment_can_load_its_own_catalogue()
    {
        var catalogue = Load("""
            { "name": "Tiny", "localities": [
                { "code": "a", "name": "Xã A", "kind": "Commune", "validFrom": "2020-01-01" },
                { "code": "a/1", "name": "Ấp 1", "kind": "Hamlet", "parent": "a", "validFrom": "2020-01-01" },
                { "code": "b", "name": "Xã B", "kind": "Commune", "validFrom": "2020-01-01" } ],
              "reorganisations": [ { "effectiveOn": "2024-01-01", "kind": "Merger", "predecessors": ["a", "b"], "successors": ["ab"],
                "establish": [ { "code": "ab", "name": "Xã AB", "kind": "Commune" } ], "legalBasis": "NQ 1" } ] }
            """);
        Assert.That(catalogue.NameOn("a/1", D(2024, 1, 1)), Is.EqualTo("Ấp 1, Xã AB"));
        Assert.That(catalogue.NameOn("a/1", D(2023, 12, 31)), Is.EqualTo("Ấp 1, Xã A"));
        Assert.That(catalogue.Reorganisations.Single().LegalBasis, Is.EqualTo("NQ 1"));
    }

    [Test]
    public void A_renamed_locality_reads_with_the_name_it_had_on_the_day()
    {
        var catalogue = Load("""
            { "localities": [
                { "code": "a", "name": "Xã A", "kind": "Commune", "validFrom": "2020-01-01" },
                { "code": "a/1", "name": "Ấp 1", "kind": "Hamlet", "parent": "a", "validFrom": "2020-01-01" } ],
              "renames": [
                { "code": "a/1", "effectiveOn": "2023-01-01", "name": "Ấp Hòa Bình", "legalBasis": "NQ 5" },
                { "code": "a", "effectiveOn": "2024-06-01", "name": "Phường A" } ] }
            """);
        Assert.That(catalogue.NameOn("a/1", D(2022, 12, 31)), Is.EqualTo("Ấp 1, Xã A"));
        Assert.That(catalogue.NameOn("a/1", D(2023, 1, 1)), Is.EqualTo("Ấp Hòa Bình, Xã A"));
        Assert.That(catalogue.NameOn("a/1", D(2024, 6, 1)), Is.EqualTo("Ấp Hòa Bình, Phường A"));
        Assert.That(catalogue.Find("a/1")!.Renames.Single().LegalBasis, Is.EqualTo("NQ 5"));
        var ex = Assert.Throws<CatalogueFormatException>(() => Load("""{ "localities": [ { "code": "a", "name": "A", "kind": "Commune", "validFrom": "2020-01-01" } ], "renames": [ { "code": "z", "effectiveOn": "2023-01-01", "name": "Z" } ] }"""));
        Assert.That(ex!.Message, Does.Contain("names \"z\""));
    }

    [TestCase("{", "not valid JSON")]
    [TestCase("""{ "localities": [] }""", "lists no localities")]
    [TestCase("""{ "localities": [ { "code": "a", "name": "A", "kind": "Commune", "validFrom": "2020-01-01" }, { "code": "a", "name": "A", "kind": "Commune", "validFrom": "2020-01-01" } ] }""", "appears twice")]
    [TestCase("""{ "localities": [ { "code": "h", "name": "Ấp", "kind": "Hamlet", "validFrom": "2020-01-01" } ] }""", "needs its commune or ward")]
    [TestCase("""{ "localities": [ { "code": "h", "name": "Ấp", "kind": "Hamlet", "parent": "x", "validFrom": "2020-01-01" } ] }""", "not a ward or commune listed before it")]
    [TestCase("""{ "localities": [ { "code": "a", "name": "A", "kind": "Commune" } ] }""", "needs \"validFrom\"")]
    [TestCase("""{ "localities": [ { "code": "a", "name": "A", "kind": "Village", "validFrom": "2020-01-01" } ] }""", "not valid JSON")]
    [TestCase("""{ "localities": [ { "code": "a", "name": "A", "kind": "Commune", "validFrom": "2020-01-01" } ], "reorganisations": [ { "effectiveOn": "2024-01-01", "kind": "Merger", "predecessors": ["a", "z"], "successors": ["a"] } ] }""", "names \"z\"")]
    [TestCase("""{ "localities": [ { "code": "a", "name": "A", "kind": "Commune", "validFrom": "2020-01-01" } ], "reorganisations": [ { "effectiveOn": "2019-01-01", "kind": "Merger", "predecessors": ["a"], "successors": ["b"], "establish": [ { "code": "b", "name": "B", "kind": "Commune" } ] } ] }""", "not in force the day before")]
    public void A_broken_catalogue_is_refused_with_the_reason(string json, string fragment)
    {
        var ex = Assert.Throws<CatalogueFormatException>(() => Load(json));
        Assert.That(ex!.Message, Does.Contain(fragment));
        Assert.That(ex.Code, Does.StartWith("catalogue."));
    }
}
