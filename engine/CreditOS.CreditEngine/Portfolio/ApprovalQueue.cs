namespace CreditOS.CreditEngine.Portfolio;

/// <summary>One credit approval request: when it was raised, and when Finance decided it (null while it waits).</summary>
public sealed record ApprovalRecord(DateTime RequestedOn, DateTime? DecidedOn);

/// <summary>
/// Finance's queue as of a moment: requests waiting, by age (under a day, one to three days, over three days), and
/// the average turnaround in hours of the requests decided in the last <see cref="ApprovalQueueCalculator.TurnaroundWindowDays"/> days.
/// </summary>
public sealed record ApprovalQueueKpis(int Waiting, int WaitingUnder1Day, int Waiting1To3Days, int WaitingOver3Days, double? AverageTurnaroundHours, int DecidedInWindow);

public static class ApprovalQueueCalculator
{
    public const int TurnaroundWindowDays = 30;

    public static ApprovalQueueKpis Calculate(IEnumerable<ApprovalRecord> requests, DateTime now)
    {
        if (requests is null)
        {
            throw new ArgumentNullException(nameof(requests));
        }

        int waiting = 0, under1 = 0, oneTo3 = 0, over3 = 0, decided = 0;
        double turnaroundHours = 0;
        var windowStart = now.AddDays(-TurnaroundWindowDays);
        foreach (var request in requests)
        {
            if (request.DecidedOn is not { } decidedOn)
            {
                waiting++;
                var age = now - request.RequestedOn;
                if (age < TimeSpan.FromDays(1))
                {
                    under1++;
                }
                else if (age <= TimeSpan.FromDays(3))
                {
                    oneTo3++;
                }
                else
                {
                    over3++;
                }
            }
            else if (decidedOn >= windowStart && decidedOn <= now)
            {
                decided++;
                turnaroundHours += Math.Max(0, (decidedOn - request.RequestedOn).TotalHours);
            }
        }

        return new ApprovalQueueKpis(waiting, under1, oneTo3, over3, decided > 0 ? turnaroundHours / decided : null, decided);
    }
}
