using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Simulation;

namespace CreditOS.Cli.Simulation;

/// <summary>The active and the candidate replay of one portfolio, and the customers whose tier differs.</summary>
internal sealed record SimulationComparison(
    string Portfolio, int Customers, DateTime AsOf, SimulationResult Active, SimulationResult Candidate, IReadOnlyList<TierChange> TierChanges)
{
    public static SimulationComparison Run(
        string portfolioName, IReadOnlyList<CustomerHistory> portfolio, DateTime asOf, CreditConfiguration active, string activeName, CreditConfiguration candidate, string candidateName)
    {
        var activeRun = PortfolioSimulator.Run(portfolio, asOf, active, activeName);
        var candidateRun = PortfolioSimulator.Run(portfolio, asOf, candidate, candidateName);
        return new SimulationComparison(portfolioName, portfolio.Count, asOf, activeRun, candidateRun, PortfolioSimulator.Compare(portfolio, activeRun, candidateRun));
    }
}
