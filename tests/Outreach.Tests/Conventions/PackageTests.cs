using System.Xml.Linq;
using Outreach.Tests.Support;

namespace Outreach.Tests.Conventions;

/// <summary>What an outside developer trusts the package for (ADR 21): one packable project, a licence, symbols, a README for embedders, no host dependencies.</summary>
public sealed class PackageTests
{
    private static XDocument Project(string relative) => XDocument.Parse(Repository.ReadFile(relative));

    private static string? Property(XDocument project, string name) => project.Descendants(name).LastOrDefault()?.Value;

    [Test]
    public void Only_the_domain_project_is_a_package_and_it_carries_licence_symbols_and_its_own_readme()
    {
        var props = Project("Directory.Build.props");
        var domain = Project("src/Domain/Outreach.Domain.csproj");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Property(props, "IsPackable"), Is.EqualTo("false"), "hosts, tests and samples are not packages");
            Assert.That(Property(domain, "IsPackable"), Is.EqualTo("true"));
            Assert.That(Property(domain, "PackageLicenseExpression"), Is.EqualTo("MIT"));
            Assert.That(Property(domain, "SymbolPackageFormat"), Is.EqualTo("snupkg"));
            Assert.That(Property(domain, "PackageReadmeFile"), Is.EqualTo("PACKAGE.md"));
            Assert.That(File.Exists(Path.Combine(Repository.Root(), "src", "Domain", "PACKAGE.md")), Is.True);
        }

        foreach (var host in new[] { "src/Hosts/Hosting/Outreach.Hosting.csproj", "src/Hosts/Console/Outreach.Console.csproj" })
        {
            Assert.That(Property(Project(host), "IsPackable"), Is.Not.EqualTo("true"), host);
        }
    }

    [Test]
    public void The_package_depends_on_no_host_framework()
    {
        var references = Project("src/Domain/Outreach.Domain.csproj").Descendants("PackageReference").Select(r => (string?)r.Attribute("Include")).ToList();
        // Marten and FluentValidation, and of Microsoft.Extensions only abstractions and the options binder: never a host.
        Assert.That(references, Is.EquivalentTo(new[]
        {
            "Marten", "FluentValidation", "Microsoft.Extensions.Options.ConfigurationExtensions",
            "Microsoft.Extensions.Hosting.Abstractions", "Microsoft.Extensions.Logging.Abstractions",
        }));
        Assert.That(references, Has.None.EqualTo("Microsoft.Extensions.Hosting"));
    }
}
