namespace Outreach.Tests.Support;

/// <summary>
/// A fixture that runs the <c>outreach</c> tool against a schema and a key folder of its own, after applying the
/// JSON-lines steps of <see cref="Steps"/> once.
/// </summary>
public abstract class ConsoleStoryFixture
{
    private string _schema = "";

    /// <summary>A temporary folder of the fixture (the key folder is <c>keys</c> inside it).</summary>
    protected string Dir { get; private set; } = "";

    /// <summary>The schema the tool works in.</summary>
    protected string Schema => _schema;

    internal OutreachProcess Outreach { get; private set; } = null!;

    /// <summary>The steps to record before the tests run.</summary>
    protected abstract IEnumerable<string> Steps();

    /// <summary>The first <paramref name="count"/> steps of <c>docs/samples/complaint-story.jsonl</c>.</summary>
    protected static IEnumerable<string> SampleStory(int count)
        => File.ReadAllLines(Path.Combine(Repository.Root(), "docs", "samples", "complaint-story.jsonl")).Where(l => l.StartsWith('{')).Take(count);

    [OneTimeSetUp]
    public async Task RecordSteps()
    {
        _schema = TestDatabase.NewSchemaName();
        Dir = Directory.CreateTempSubdirectory("outreach-console-").FullName;
        Outreach = new OutreachProcess(await TestDatabase.DatabaseAsync(), _schema);
        Outreach.Extra["OUTREACH_KEYS"] = Path.Combine(Dir, "keys");
        var file = Path.Combine(Dir, "steps.jsonl");
        await File.WriteAllLinesAsync(file, Steps());
        var applied = await Outreach.RunAsync("apply", file);
        Assert.That(applied.ExitCode, Is.Zero, applied.ToString());
    }

    [OneTimeTearDown]
    public async Task DropSchema()
    {
        await TestDatabase.DropSchemaAsync(_schema);
        Directory.Delete(Dir, true);
    }
}
