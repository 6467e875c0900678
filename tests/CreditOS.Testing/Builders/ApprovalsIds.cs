namespace CreditOS.Testing.Builders;

/// <summary>Fixed ids of the approval tests, and the solution's own approval configuration ids (solution/data/data.xml).</summary>
public static class ApprovalsIds
{
    public static readonly Guid FinanceQueue = new("d862d8b6-fd06-571f-b618-6ea29cd26b1e");
    public static readonly Guid EscalationQueue = new("6a64bcb7-7a57-58e5-bfba-0da38c9a22da");
    public static readonly Guid FinanceTeam = new("b9f02795-1014-5ba8-80e0-c674e834cd5d");

    public static readonly Guid KeyAccountQueue = new("d0000000-0000-4000-8000-0000000000a1");
    public static readonly Guid KeyAccountRoute = new("d0000000-0000-4000-8000-0000000000a2");
    public static readonly Guid FinanceApproverRole = new("1e8ab5a9-dcfa-5566-8934-398cb460f870");
    public static readonly Guid SecondFinanceApprover = new("a0000000-0000-4000-8000-0000000000f2");

    public static readonly Guid HeldOrder = new("0e000000-0000-4000-8000-000000000001");
    public static readonly Guid SecondHeldOrder = new("0e000000-0000-4000-8000-000000000002");
    public static readonly Guid NewCustomer = new("c0000000-0000-4000-8000-0000000000a1");
}
