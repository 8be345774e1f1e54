using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Outreach.Tests")]
