using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace CreditOS.Testing;

/// <summary>What the organization service answers an attempt it refuses (<c>using static CreditOS.Testing.ServiceFaults;</c>).</summary>
public static class ServiceFaults
{
    /// <summary>
    /// The refusal's message, as the person who made the attempt reads it; fails the test when the attempt is not refused
    /// with an organization service fault ("Assert.Throws() Failure: No exception was thrown" when it is accepted).
    /// </summary>
    public static string Refused(Action attempt) => Assert.Throws<FaultException<OrganizationServiceFault>>(attempt).Detail.Message;
}
