using System.Security.Cryptography;
using Marten;
using Npgsql;
using Outreach.Audit;
using Outreach.Cases;
using Outreach.Hosting;
using Outreach.PersonalData;
using Outreach.Tests.Support;

namespace Outreach.Tests.Audit;

/// <summary>Citizens' identities sealed with a key per person, erased by destroying it, and denouncers kept pseudonymous (ADR 18).</summary>
public sealed class PersonalDataTests
{
    private const string Name = "Võ Thị Hoa";
    private const string IdNumber = "079123456789";
    private const string Phone = "0905 111 222";
    private const string Address = "12 Lý Thường Kiệt, Phường 1";

    [Test]
    public void Sealing_is_reversible_only_with_the_persons_key_and_repeatable()
    {
        var person = SealedIdentity.CitizenOf(Guid.NewGuid());
        var key = RandomNumberGenerator.GetBytes(32);
        var details = new PersonalDetails(Name, IdNumber, Phone, Address);
        var sealedOnce = SealedIdentity.Seal(person, details, key);
        Assert.That(sealedOnce.Open(key), Is.EqualTo(details));
        Assert.That(SealedIdentity.Seal(person, details, key), Is.EqualTo(sealedOnce), "the same details seal to the same text (replays stay no-ops)");
        Assert.That(sealedOnce.Ciphertext, Does.Not.Contain("Hoa"));
        Assert.That(SealedIdentity.Seal(person, details, RandomNumberGenerator.GetBytes(32)).Ciphertext, Is.Not.EqualTo(sealedOnce.Ciphertext));
        Assert.Throws(Is.InstanceOf<CryptographicException>(), () => sealedOnce.Open(RandomNumberGenerator.GetBytes(32)));
        var moved = sealedOnce with { PersonId = Guid.NewGuid() };
        Assert.Throws(Is.InstanceOf<CryptographicException>(), () => moved.Open(key), "a sealed identity cannot be passed off as another person's");
    }

    [Test]
    public void The_file_key_store_destroys_a_key_for_good()
    {
        var folder = Directory.CreateTempSubdirectory("outreach-persons-").FullName;
        try
        {
            var store = new FilePersonKeyStore(folder);
            var person = Guid.NewGuid();
            var key = store.GetOrCreate(person);
            Assert.That(store.GetOrCreate(person), Is.EqualTo(key));
            Assert.That(new FilePersonKeyStore(folder).Find(person), Is.EqualTo(key), "keys survive the process");
            if (!OperatingSystem.IsWindows())
            {
                Assert.That(File.GetUnixFileMode(Path.Combine(folder, person + ".key")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            }

            store.Erase(person);
            Assert.That((store.Find(person), store.IsErased(person)), Is.EqualTo(((byte[]?)null, true)));
            Assert.That(Directory.GetFiles(folder).Select(Path.GetFileName), Is.EqualTo(new[] { person + ".erased" }));
            Assert.Throws<PersonErasedException>(() => store.GetOrCreate(person));
            Assert.DoesNotThrow(() => store.Erase(person));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [TestCase("Đơn của bà Võ Thị Hoa, ngày 01/04/2024", "name", TestName = "An erasure request naming the person is refused")]
    [TestCase("Đơn của bà VÕ THỊ HOA", "name", TestName = "An erasure request naming the person in capitals is refused")]
    [TestCase("Đơn kèm CCCD 079-123-456-789", "ID number", TestName = "An erasure request writing out the ID number is refused")]
    [TestCase("Gọi lại số 0905.111.222", "phone number", TestName = "An erasure request writing out the phone number is refused")]
    public async Task An_erasure_request_may_not_hold_the_identifiers_it_erases(string request, string field)
    {
        await using var f = await Fixture.StartAsync();
        var id = Guid.NewGuid();
        await f.ReceiveAsync(id, CaseKind.Complaint);
        await using var session = f.Store.LightweightSession();
        var refused = Assert.ThrowsAsync<DomainRuleException>(() =>
            session.HandleAsync(new EraseCitizenData(id, request, "Nghị định 13/2023/NĐ-CP, Điều 16", "Trần Thị Bình", Story.At(2024, 4, 2))));
        Assert.That(refused!.Message, Does.Contain(field).And.Contain("registry number and date"));
        Assert.That(f.Keys.IsErased(SealedIdentity.CitizenOf(id)), Is.False, "nothing was erased");
        Assert.That(await f.RawEventsAsync(), Does.Not.Contain("VÕ THỊ HOA").And.Not.Contain("0905.111"));
    }

    private sealed class Fixture : IAsyncDisposable
    {
        public string Schema { get; } = TestDatabase.NewSchemaName();

        public InMemoryPersonKeyStore Keys { get; } = new();

        public DocumentStore Store { get; private set; } = null!;

        public static async Task<Fixture> StartAsync()
        {
            var f = new Fixture();
            f.Store = await TestDatabase.CreateStoreAsync(f.Schema, new OutreachOptions { PersonKeys = f.Keys });
            return f;
        }

        public async Task ReceiveAsync(Guid id, CaseKind kind)
        {
            await using var session = Store.LightweightSession();
            await session.HandleAsync(Receive(id));
            await session.HandleAsync(new ClassifyPetition(id, kind, null, Story.Clerk, Story.At(2024, 3, 4, 11)));
        }

        public static ReceivePetition Receive(Guid id) => new(id, "7/2024/TCD", ReceptionChannel.FieldVisit, Name, IdNumber, Phone, Address, false,
            "my-tra", "Đường ngập nước", "UBND phường Mỹ Trà", Story.Clerk, Story.At(2024, 3, 4));

        public async Task<string> RawEventsAsync()
        {
            await using var conn = new NpgsqlConnection(await TestDatabase.OwnerConnectionStringAsync());
            await conn.OpenAsync();
            await using var command = new NpgsqlCommand($"select string_agg(data::text, ' ') || (select string_agg(data::text, ' ') from {Schema}.mt_doc_case) from {Schema}.mt_events", conn);
            return (string)(await command.ExecuteScalarAsync())!;
        }

        public async ValueTask DisposeAsync()
        {
            Store.Dispose();
            await TestDatabase.DropSchemaAsync(Schema);
        }
    }

    [Test]
    public async Task Identities_are_never_stored_in_clear_and_an_erasure_makes_them_unreadable_everywhere_while_verification_passes()
    {
        await using var f = await Fixture.StartAsync();
        var id = Guid.NewGuid();
        await f.ReceiveAsync(id, CaseKind.Complaint);
        var raw = await f.RawEventsAsync();
        Assert.That(raw, Does.Not.Contain(Name).And.Not.Contain(IdNumber).And.Not.Contain("0905").And.Not.Contain("Lý Thường Kiệt"));

        await using (var query = f.Store.QuerySession())
        {
            var view = await CaseView.FromAsync((await CaseQueries.LoadAsync(query, id))!, new DateOnly(2024, 3, 5), f.Keys);
            Assert.That((view.Citizen.Name, view.Citizen.IdNumber, view.Citizen.Phone, view.Citizen.Address), Is.EqualTo((Name, IdNumber, Phone, Address)));
        }

        var erase = new EraseCitizenData(id, "Đơn yêu cầu số 3, ngày 01/04/2024", "Nghị định 13/2023/NĐ-CP, Điều 16", "Trần Thị Bình", Story.At(2024, 4, 2));
        await using (var session = f.Store.LightweightSession())
        {
            var result = await session.HandleAsync(erase);
            Assert.That(result.Events, Is.EqualTo(new[] { nameof(CitizenDataErased) }));
        }

        Assert.That(f.Keys.IsErased(SealedIdentity.CitizenOf(id)), Is.True);
        await using (var query = f.Store.QuerySession())
        {
            var current = (await CaseQueries.LoadAsync(query, id))!;
            var past = (await CaseQueries.AsOfAsync(query, id, new OutreachOptions(), Story.At(2024, 3, 5), null))!;
            foreach (var state in new[] { current, past })
            {
                var citizen = (await CaseView.FromAsync(state, new DateOnly(2024, 4, 3), f.Keys)).Citizen;
                Assert.That((citizen.Name, citizen.IdNumber, citizen.Phone, citizen.Address, citizen.IsErased),
                    Is.EqualTo((SealedIdentity.PseudonymOf(SealedIdentity.CitizenOf(id)), (string?)null, (string?)null, (string?)null, true)));
            }
        }

        var report = await CaseAudit.LoadAsync(f.Store, id);
        var html = AuditHtml.Render(report!, CaseText.English, DateTimeOffset.UtcNow);
        Assert.That(html, Does.Not.Contain(Name).And.Contain("Erased").IgnoreCase);
        Assert.That((await ChainVerifier.VerifyAsync(f.Store)).Passed, Is.True, "the history and its chain are untouched");

        await using (var session = f.Store.LightweightSession())
        {
            Assert.That((await session.HandleAsync(erase)).Events, Is.Empty, "repeating the erasure is a no-op");
            Assert.ThrowsAsync<PersonErasedException>(() => session.HandleAsync(Fixture.Receive(id)), "nothing identifying can be recorded again");
        }
    }

    [Test]
    public async Task A_denouncer_is_a_pseudonym_to_everyone_without_clearance_auditors_included()
    {
        await using var f = await Fixture.StartAsync();
        var id = Guid.NewGuid();
        await f.ReceiveAsync(id, CaseKind.Denunciation);
        var file = Path.Combine(Directory.CreateTempSubdirectory("outreach-clearance-").FullName, "clearances");
        var code = DenouncerClearance.Issue("Thanh tra viên Đỗ Thị Hạnh", file);

        await using var query = f.Store.QuerySession();
        var state = (await CaseQueries.LoadAsync(query, id))!;
        var withheld = (await CaseView.FromAsync(state, new DateOnly(2024, 3, 5), f.Keys)).Citizen;
        Assert.That((withheld.Name, withheld.IdNumber, withheld.IsProtected), Is.EqualTo((CaseView.Pseudonym(id), (string?)null, true)));
        var report = await CaseAudit.LoadAsync(f.Store, id);
        Assert.That(AuditHtml.Render(report!, CaseText.Vietnamese, DateTimeOffset.UtcNow), Does.Not.Contain(Name));

        var clearance = DenouncerClearance.Verify("Thanh tra viên Đỗ Thị Hạnh", code, file);
        Assert.That((await CaseView.FromAsync(state, new DateOnly(2024, 3, 5), f.Keys, clearance: clearance)).Citizen.Name, Is.EqualTo(Name));
        Assert.Throws<ClearanceRefusedException>(() => DenouncerClearance.Verify("Thanh tra viên Đỗ Thị Hạnh", "wrong", file));
        Assert.Throws<ClearanceRefusedException>(() => DenouncerClearance.Verify("Someone else", code, file));
        Directory.Delete(Path.GetDirectoryName(file)!, true);
    }

    [Test]
    public async Task A_dialogue_that_names_the_complainant_among_its_attendees_is_refused()
    {
        await using var f = await Fixture.StartAsync();
        var id = Guid.NewGuid();
        await f.ReceiveAsync(id, CaseKind.Complaint);
        await using var session = f.Store.LightweightSession();
        await session.HandleAsync(new AcceptComplaint(id, false, false, [NoticeParty.Complainant], null, null, null, null, Story.Chair, Story.At(2024, 3, 8)));
        await session.HandleAsync(new AssignVerifier(id, Story.Verifier, Story.Chair, Story.At(2024, 3, 11)));
        await session.HandleAsync(new RecordVerification(id, "BC-01", "Nước ngập do cống tắc", Story.Verifier, Story.At(2024, 3, 15)));
        var refused = Assert.ThrowsAsync<DomainRuleException>(() =>
            session.HandleAsync(new HoldDialogue(id, ["bà VÕ THỊ HOA", Story.Verifier], "BB-01", false, Story.Chair, Story.At(2024, 3, 20))));
        Assert.That(refused!.Message, Does.Contain("người khiếu nại").And.Not.Contain(Name));
        var held = await session.HandleAsync(new HoldDialogue(id, ["Người khiếu nại", Story.Verifier], "BB-01", false, Story.Chair, Story.At(2024, 3, 20)));
        Assert.That(held.Events, Is.EqualTo(new[] { nameof(DialogueHeld) }));
    }

    [Test]
    public async Task An_anonymous_petition_or_one_without_details_has_nothing_to_erase()
    {
        await using var f = await Fixture.StartAsync();
        var id = Guid.NewGuid();
        await using var session = f.Store.LightweightSession();
        await session.HandleAsync(Fixture.Receive(id) with { IsAnonymous = true });
        var refused = Assert.ThrowsAsync<DomainRuleException>(() =>
            session.HandleAsync(new EraseCitizenData(id, "Đơn số 4", "Nghị định 13/2023/NĐ-CP", "Trần Thị Bình", Story.At(2024, 4, 2))));
        Assert.That(refused!.Message, Does.Contain("nothing to erase"));
    }
}
