using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Prometheus.Web.Configuration;
using Prometheus.Web.Hosting;

namespace Prometheus.Web.Security;

/// <summary>
/// Who may look and act. Two ways in, one policy scheme choosing between them per request:
/// - the admin token as <c>Authorization: Bearer</c> (scripts; the only way into /api, which therefore never answers
///   with a redirect and never accepts a cookie: a cookie-borne request to a control without antiforgery cannot exist);
/// - a cookie, issued at /signin (or by /?token=... once) in exchange for the token, for the dashboard and its hub.
/// The cookie carries a fingerprint of the token it was issued for: configure another token and every cookie is void.
/// Cookies are encrypted with DataProtection keys kept in &lt;DataDir&gt;/keys, so a sign-in survives a restart.
/// </summary>
public static class DashboardAuthentication
{
    public const string PolicyScheme = "Prometheus";
    public const string CookieScheme = "PrometheusCookie";
    public const string CookieName = "prometheus.auth";
    public const string SignInPath = "/signin";
    private const string FingerprintClaim = "prometheus:token";

    public static IServiceCollection AddPrometheusAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDataProtection().SetApplicationName("Prometheus");
        // As PersistKeysToFileSystem, but the folder is made when a key is first read or written (the host's start),
        // not while the host is built: `serve` checks its address before anything is written to the data dir.
        services.AddOptions<KeyManagementOptions>().Configure<ILoggerFactory>((o, logs) =>
            o.XmlRepository = new KeysFolderRepository(configuration, logs));

        services.AddAuthentication(PolicyScheme)
            .AddPolicyScheme(PolicyScheme, "Prometheus", o => o.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, AdminTokenAuthentication>(AdminTokenAuthentication.SchemeName, null)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                // Strict: no other site can make the browser send it, not even with a top-level link.
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = SignInPath;
                o.AccessDeniedPath = SignInPath;
                o.ExpireTimeSpan = TimeSpan.FromDays(7);
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = context => MachineOrRedirect(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => MachineOrRedirect(context, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = ValidateFingerprintAsync;
            });
        services.AddAuthorization();
        return services;
    }

    /// <summary>The signed-in person, as the cookie carries them.</summary>
    public static ClaimsPrincipal Principal(AdminToken token) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, "admin"),
            new Claim(ClaimTypes.Role, AdminTokenAuthentication.Role),
            new Claim(FingerprintClaim, Fingerprint(token)),
        ], CookieScheme));

    private static string SelectScheme(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api")
            || !string.IsNullOrEmpty(context.Request.Headers.Authorization)
            || (path.StartsWithSegments("/hubs") && context.Request.Query.ContainsKey(AdminTokenAuthentication.QueryTokenName)))
            return AdminTokenAuthentication.SchemeName;
        return CookieScheme;
    }

    /// <summary>The hub and other machine paths get a status code; a person's browser goes to the sign-in page.</summary>
    private static Task MachineOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/hubs") || path.StartsWithSegments("/_blazor") || path.StartsWithSegments("/controls"))
        {
            return Problems.Of(status, "sign in first: " + SignInPath).ExecuteAsync(context.HttpContext);
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static async Task ValidateFingerprintAsync(CookieValidatePrincipalContext context)
    {
        var token = context.HttpContext.RequestServices.GetRequiredService<AdminTokenHolder>().Token;
        if (context.Principal?.FindFirst(FingerprintClaim)?.Value != Fingerprint(token))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
        }
    }

    /// <summary>A one-way digest of the token, enough to tell tokens apart, useless to recover one (and inside an encrypted cookie).</summary>
    private static string Fingerprint(AdminToken token) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("prometheus-cookie:" + token.Value)))[..16];

    /// <summary>The keys in &lt;DataDir&gt;/keys, a folder created (mode 0700) on first use.</summary>
    private sealed class KeysFolderRepository(IConfiguration configuration, ILoggerFactory logs) : IXmlRepository
    {
        private readonly Lazy<FileSystemXmlRepository> _files = new(() =>
        {
            var keys = Directory.CreateDirectory(Path.Combine(DataDirectory.Resolve(configuration), "keys"));
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(keys.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return new FileSystemXmlRepository(keys, logs);
        });

        public IReadOnlyCollection<XElement> GetAllElements() => _files.Value.GetAllElements();

        public void StoreElement(XElement element, string friendlyName) => _files.Value.StoreElement(element, friendlyName);
    }
}
