namespace CreditOS.Integration.Worker.Bureau;

/// <summary>
/// The company an account's typed number finds is not the company its credit application was assessed on: the account
/// is not enrolled and no report is filed (the message names both company ids).
/// </summary>
public sealed class BureauIdentityMismatchException(string message) : Exception(message);
