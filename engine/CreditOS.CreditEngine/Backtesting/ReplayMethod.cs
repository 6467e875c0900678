namespace CreditOS.CreditEngine.Backtesting;

/// <summary>How the replay gets each customer's summary as of an invoice date. Both give the same summaries and baselines.</summary>
public enum ReplayMethod
{
    /// <summary>Running figures per customer (<see cref="History.RunningHistorySummarizer"/>): each invoice costs O(log n). The default.</summary>
    Running,

    /// <summary>
    /// The summarizer over the customer's whole earlier history at every invoice date, and the baselines re-counted: the
    /// definition itself, kept as the reference the running replay is checked against (n² per customer).
    /// </summary>
    Resummarizing,
}
