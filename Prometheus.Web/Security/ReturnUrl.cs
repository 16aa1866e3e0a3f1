namespace Prometheus.Web.Security;

/// <summary>
/// Where the sign-in form, the token link and the dashboard's controls send the browser afterwards.
/// - Only a path on this host is followed: "/..." but not "//..." nor "/\..." (Url.IsLocalUrl's rule), since a browser
///   reads those as another host; anything else (another host, a scheme, a relative path) goes to "/".
/// - A value no Location header can carry (a control character such as a tab, a space, a character outside ASCII) or
///   longer than <see cref="MaxLength"/> is bad input: <see cref="Problem"/> says why, and the caller answers 400
///   before it does anything (signs in, runs a control).
/// </summary>
public static class ReturnUrl
{
    public const string FieldName = "returnUrl";
    public const int MaxLength = 2048;
    public const string Home = "/";

    /// <summary>Why <paramref name="value"/> cannot be a returnUrl at all, or null when it can (local or not).</summary>
    public static string? Problem(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (value.Length > MaxLength)
            return $"{FieldName} must be at most {MaxLength} characters (was {value.Length})";
        foreach (var c in value)
            if (c is < '!' or > '~')
                return $"{FieldName} must be a path of visible ASCII characters, percent-encoded (it has {Describe(c)})";
        return null;
    }

    /// <summary><paramref name="value"/> when it is a path on this host, else <see cref="Home"/>. Check <see cref="Problem"/> first.</summary>
    public static string LocalOrHome(string? value) => IsLocal(value) ? value! : Home;

    private static bool IsLocal(string? value) =>
        Problem(value) is null
        && value is ['/'] or ['/', not ('/' or '\\'), ..];

    private static string Describe(char c) => char.IsControl(c)
        ? $"the control character U+{(int)c:X4}"
        : c == ' ' ? "a space" : $"'{c}', outside ASCII";
}
