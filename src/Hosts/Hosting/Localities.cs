namespace Outreach.Hosting;

/// <summary>
/// Display names of Cao Lãnh city's 15 commune-level units as of 2019, by the codes used in cases. A stop-gap for
/// readable tables: effective-dated localities with their 2025 reorganisations are a later piece of work.
/// </summary>
public static class Localities
{
    /// <summary>Code → display name.</summary>
    public static readonly IReadOnlyDictionary<string, string> CaoLanh2019 = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["phuong-1"] = "Phường 1",
        ["phuong-2"] = "Phường 2",
        ["phuong-3"] = "Phường 3",
        ["phuong-4"] = "Phường 4",
        ["phuong-6"] = "Phường 6",
        ["phuong-11"] = "Phường 11",
        ["hoa-thuan"] = "Phường Hòa Thuận",
        ["my-phu"] = "Phường Mỹ Phú",
        ["hoa-an"] = "Xã Hòa An",
        ["tan-thuan-dong"] = "Xã Tân Thuận Đông",
        ["tan-thuan-tay"] = "Xã Tân Thuận Tây",
        ["tinh-thoi"] = "Xã Tịnh Thới",
        ["my-tan"] = "Xã Mỹ Tân",
        ["my-tra"] = "Xã Mỹ Trà",
        ["my-ngai"] = "Xã Mỹ Ngãi",
    };

    /// <summary>The display name of a code, or the code itself when unknown.</summary>
    public static string Name(string code) => CaoLanh2019.TryGetValue(code, out var name) ? name : code;
}
