using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Outreach.Hosting;

namespace Outreach.Tests.Web;

/// <summary>
/// The real web host on a test schema, trusting tokens signed with a key of this run, configured as a deployment
/// configures any OpenID Connect provider (<c>Authentication:Schemes:Bearer</c>: issuer, audience, signing key).
/// </summary>
internal sealed class WebHost : IAsyncDisposable
{
    public const string Issuer = "outreach-tests";
    public const string Audience = "outreach";
    private static readonly byte[] SigningKey = RandomNumberGenerator.GetBytes(32);

    private WebHost(WebApplicationFactory<Program> factory) => Factory = factory;

    /// <summary>The host.</summary>
    public WebApplicationFactory<Program> Factory { get; }

    /// <summary>Starts the host on <paramref name="schema"/> with its keys in <paramref name="keys"/>.</summary>
    public static WebHost Start(OutreachDatabase database, string schema, string keys, Action<IWebHostBuilder>? configure = null)
        => new(new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Outreach:ConnectionString", database.Application)
                .UseSetting("Outreach:OwnerConnectionString", database.Admin)
                .UseSetting("Outreach:SchemaName", schema)
                .UseSetting("Outreach:KeyFolder", keys)
                .UseSetting("Authentication:Schemes:Bearer:ValidIssuer", Issuer)
                .UseSetting("Authentication:Schemes:Bearer:ValidAudiences:0", Audience)
                .UseSetting("Authentication:Schemes:Bearer:SigningKeys:0:Issuer", Issuer)
                .UseSetting("Authentication:Schemes:Bearer:SigningKeys:0:Value", Convert.ToBase64String(SigningKey));
            configure?.Invoke(b);
        }));

    /// <summary>A token for <paramref name="staffCode"/> with <paramref name="roles"/>, as an identity provider issues it.</summary>
    public static string Token(string staffCode, params string[] roles) => Token(staffCode, SigningKey, Issuer, roles);

    /// <summary>A token signed with <paramref name="key"/> by <paramref name="issuer"/> (a stranger's token, for refusals).</summary>
    public static string Token(string staffCode, byte[] key, string issuer, params string[] roles)
    {
        var claims = new List<Claim> { new("unique_name", staffCode), new("sub", staffCode) };
        claims.AddRange(roles.Select(r => new Claim("role", r)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>A client signed in as <paramref name="staffCode"/> with <paramref name="roles"/>.</summary>
    public HttpClient Client(string staffCode, params string[] roles)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(staffCode, roles));
        return client;
    }

    /// <summary>A client that is not signed in.</summary>
    public HttpClient Anonymous() => Factory.CreateClient();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}
