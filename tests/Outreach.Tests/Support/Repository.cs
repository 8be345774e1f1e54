namespace Outreach.Tests.Support;

/// <summary>The repository the tests run from (the folder holding Outreach.Domain.sln).</summary>
internal static class Repository
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Outreach.Domain.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Outreach.Domain.sln not found above the test folder.");
    }

    /// <summary>The text of a file of the repository, by its path from the root.</summary>
    public static string ReadFile(string relative) => File.ReadAllText(Path.Combine(Root(), relative));
}
