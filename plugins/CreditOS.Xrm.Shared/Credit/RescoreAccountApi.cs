namespace CreditOS.Xrm.Credit;

/// <summary>The bound Custom API that rescores an account on demand (the account form's Rescore command calls it).</summary>
public static class RescoreAccountApi
{
    public const string UniqueName = "cos_RescoreAccount";

    /// <summary>Response properties.</summary>
    public static class Response
    {
        public const string ValueScore = "ValueScore";
        public const string RiskScore = "RiskScore";
        public const string RiskLevel = "RiskLevel";
        public const string Tier = "Tier";
        public const string CreditLimit = "CreditLimit";
        public const string IsSuspended = "IsSuspended";
        public const string Reasons = "Reasons";
        public const string Changed = "Changed";
    }
}
