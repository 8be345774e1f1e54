global using NUnit.Framework;

// The library speaks the caller's language; tests that read its English sentences run in English whatever the machine's locale.
[assembly: NUnit.Framework.SetUICulture("en")]
