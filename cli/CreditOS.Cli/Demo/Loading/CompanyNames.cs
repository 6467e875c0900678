namespace CreditOS.Cli.Demo.Loading;

/// <summary>Readable, deterministic company names for generated customers (the n-th customer always gets the same name).</summary>
internal static class CompanyNames
{
    private static readonly string[] Stems =
    [
        "Northwind", "Contoso", "Fabrikam", "Tailspin", "Litware", "Adatum", "Proseware", "Wingtip", "Alpine", "Coho",
        "Lucerne", "Margie", "Relecloud", "Trey", "Woodgrove", "Blue Yonder", "Fourth Coffee", "Humongous", "Wide World", "Southridge",
        "Bellows", "Graphic", "Lamna", "Nod", "Consolidated", "Vanarsdel", "Datum", "Boulder", "Cedar", "Harbor",
        "Summit", "Granite", "Meridian", "Pioneer", "Riverside",
    ];

    private static readonly string[] Suffixes = ["Industries", "Supply", "Traders", "Works", "Group", "Partners", "Holdings", "Distribution", "Systems"];

    public static string For(int index)
    {
        var stem = Stems[index % Stems.Length];
        var suffix = Suffixes[(index / Stems.Length) % Suffixes.Length];
        var round = index / (Stems.Length * Suffixes.Length);
        return round == 0 ? stem + " " + suffix : stem + " " + suffix + " " + (round + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
