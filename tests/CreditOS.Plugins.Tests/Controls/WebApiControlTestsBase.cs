using CreditOS.Plugins.Tests.Builders;
using Xunit;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// The lifetime every control test class over the Web API shares: it owns a credit world and, once started, the local
/// Web API host with the given people signed in; it disposes the host asynchronously first, then the world.
/// </summary>
public abstract class WebApiControlTestsBase : IAsyncLifetime, IDisposable
{
    private readonly Guid[] signedIn;
    private PeopleOverTheWebApi? people;

    private protected WebApiControlTestsBase(CreditWorld world, params Guid[] signedIn)
    {
        World = world;
        this.signedIn = signedIn;
    }

    private protected CreditWorld World { get; }

    /// <summary>The people signed in over the Web API (after <see cref="InitializeAsync"/>).</summary>
    internal PeopleOverTheWebApi People => people ?? throw new InvalidOperationException("The Web API host has not started yet.");

    public async Task InitializeAsync() => people = await PeopleOverTheWebApi.StartAsync(World, signedIn);

    public async Task DisposeAsync()
    {
        if (people is not null)
        {
            await people.DisposeAsync();
        }
    }

    public void Dispose()
    {
        World.Dispose();
        GC.SuppressFinalize(this);
    }
}
