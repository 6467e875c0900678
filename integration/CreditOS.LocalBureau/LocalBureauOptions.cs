namespace CreditOS.LocalBureau;

/// <summary>How the local bureau listens and whom it lets in (local values, not secrets).</summary>
public sealed class LocalBureauOptions
{
    /// <summary>Loopback port; 0 picks a free one (tests).</summary>
    public int Port { get; set; } = 5091;

    public string UserName { get; set; } = "creditos-local";

    public string Password { get; set; } = "local-bureau-password";

    /// <summary>The bureau's tokens last one hour.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Seed the demo companies at start.</summary>
    public bool Seed { get; set; } = true;
}
