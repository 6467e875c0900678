namespace CreditOS.Dataverse.Credit.Suspension;

/// <summary>The bound Custom API through which Finance lifts an account's suspension (<see cref="SuspensionLifting"/>).</summary>
public static class LiftSuspensionApi
{
    public const string UniqueName = "cos_LiftSuspension";

    public static class Request
    {
        /// <summary>Why Finance lifts the suspension (String, required).</summary>
        public const string Reason = "Reason";
    }

    public static class Response
    {
        /// <summary>Whether the account is still suspended after the lift (a cause Finance did not waive).</summary>
        public const string IsSuspended = "IsSuspended";

        /// <summary>The cos_suspensionlift row recorded.</summary>
        public const string SuspensionLiftId = "SuspensionLiftId";
    }
}

/// <summary>The bound Custom API through which Finance flags an account for suspected fraud (<see cref="FraudFlagging"/>).</summary>
public static class FlagFraudApi
{
    public const string UniqueName = "cos_FlagFraud";

    public static class Request
    {
        /// <summary>What was seen (String, required; traced with the caller).</summary>
        public const string Reason = "Reason";
    }
}
