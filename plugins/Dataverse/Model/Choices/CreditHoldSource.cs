namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>account.cos_creditholdsource</c>: who put the account on credit hold.</summary>
[ChoiceColumn("account", "cos_creditholdsource")]
public enum CreditHoldSource
{
    /// <summary>Scoring could not run (<c>ScoringFailure</c>); the next successful rescoring lifts it.</summary>
    ScoringFailure = 412500000,

    /// <summary>Anyone or anything else (Finance, a migration, a process): rescoring never lifts it.</summary>
    AnotherWriter = 412500001,
}
