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

    private (string Schema, string Keys)? _owned;

    private WebHost(WebApplicationFactory<Program> factory) => Factory = factory;

    /// <summary>The schema the host works in, when it was made for it (<see cref="StartOnNewSchemaAsync"/>).</summary>
    public string Schema => _owned?.Schema ?? throw new InvalidOperationException("The host was started on a schema of the caller's.");

    /// <summary>The host's key folder, when it was made for it.</summary>
    public string Keys => _owned?.Keys ?? throw new InvalidOperationException("The host was started on a key folder of the caller's.");

    /// <summary>
    /// Starts the host on a new schema, prepared by its owner as <c>db-apply</c> does (the host then works as the application
    /// role), with a key folder of its own; both are removed when the host is disposed.
    /// </summary>
    public static async Task<WebHost> StartOnNewSchemaAsync()
    {
        var schema = Support.TestDatabase.NewSchemaName();
        using (await Support.TestDatabase.CreateStoreAsync(schema))
        {
            // Prepared; the store itself is not needed.
        }

        var keys = Path.Combine(Path.GetTempPath(), "outreach-web-keys-" + schema);
        var host = Start(await Support.TestDatabase.DatabaseAsync(), schema, keys);
        host._owned = (schema, keys);
        return host;
    }

    /// <summary>The host.</summary>
    public WebApplicationFactory<Program> Factory { get; }

    /// <summary>Starts the host on <paramref name="schema"/> with its keys in <paramref name="keys"/>.</summary>
    public static WebHost Start(OutreachDatabase database, string schema, string keys, Action<IWebHostBuilder>? configure = null)
        => StartWith(b =>
        {
            b.UseSetting("Outreach:ConnectionString", database.Application)
                .UseSetting("Outreach:OwnerConnectionString", database.Admin)
                .UseSetting("Outreach:SchemaName", schema)
                .UseSetting("Outreach:KeyFolder", keys);
            configure?.Invoke(b);
        });

    /// <summary>Starts the host with <paramref name="configure"/>'s settings only (and this run's trusted token issuer).</summary>
    public static WebHost StartWith(Action<IWebHostBuilder> configure)
        => new(new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Authentication:Schemes:Bearer:ValidIssuer", Issuer)
                .UseSetting("Authentication:Schemes:Bearer:ValidAudiences:0", Audience)
                .UseSetting("Authentication:Schemes:Bearer:SigningKeys:0:Issuer", Issuer)
                .UseSetting("Authentication:Schemes:Bearer:SigningKeys:0:Value", Convert.ToBase64String(SigningKey));
            configure(b);
        }));

    /// <summary>A token for <paramref name="staffCode"/> with <paramref name="roles"/>, as an identity provider issues it.</summary>
    public static string Token(string staffCode, params string[] roles) => Token(staffCode, SigningKey, Issuer, roles);

    /// <summary>A token signed with <paramref name="key"/> by <paramref name="issuer"/> (a stranger's token, for refusals).</summary>
    public static string Token(string staffCode, byte[] key, string issuer, params string[] roles) => Token(null, staffCode, key, issuer, roles);

    private static string Token(string? tenant, string staffCode, byte[] key, string issuer, string[] roles)
    {
        var claims = new List<Claim> { new("unique_name", staffCode), new("sub", staffCode) };
        if (tenant is not null)
        {
            claims.Add(new Claim(Outreach.Access.OutreachPerson.TenantClaim, tenant));
        }

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
    public HttpClient Client(string staffCode, params string[] roles) => Bearing(Token(staffCode, roles));

    /// <summary>A client signed in as <paramref name="staffCode"/> of <paramref name="tenant"/> (the token's tenant claim) with <paramref name="roles"/>.</summary>
    public HttpClient ClientOf(string tenant, string staffCode, params string[] roles) => Bearing(TokenOf(tenant, staffCode, roles));

    private HttpClient Bearing(string token)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A token for <paramref name="staffCode"/> of <paramref name="tenant"/> (its tenant claim) with <paramref name="roles"/>.</summary>
    public static string TokenOf(string tenant, string staffCode, params string[] roles) => Token(tenant, staffCode, SigningKey, Issuer, roles);

    /// <summary>A client that is not signed in.</summary>
    public HttpClient Anonymous() => Factory.CreateClient();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        if (_owned is var (schema, keys))
        {
            await Support.TestDatabase.DropSchemaAsync(schema);
            if (Directory.Exists(keys))
            {
                Directory.Delete(keys, recursive: true);
            }
        }
    }
}
