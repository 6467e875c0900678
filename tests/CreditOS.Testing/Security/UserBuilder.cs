using CreditOS.LocalDataverse;

namespace CreditOS.Testing.Security;

/// <summary>
/// A user set up as an administrator would: business unit, security roles (the solution's, by name), teams and
/// field security profiles. <c>env.AUser("Sam Sales").WithRole(SolutionRoles.SalesRep).WithProfile(SolutionFieldSecurityProfiles.CreditReaders).Create()</c>,
/// then <c>env.As(id)</c> to act as them.
/// </summary>
public sealed class UserBuilder
{
    private readonly LocalDataverse.LocalDataverse _dataverse;
    private readonly string _fullName;
    private readonly List<Guid> _roles = [];
    private readonly List<Guid> _profiles = [];
    private readonly List<Guid> _teams = [];
    private Guid? _id;
    private Guid? _businessUnit;

    internal UserBuilder(LocalDataverse.LocalDataverse dataverse, string fullName)
    {
        _dataverse = dataverse;
        _fullName = fullName;
    }

    public UserBuilder WithId(Guid id)
    {
        _id = id;
        return this;
    }

    /// <summary>A role the solution ships, by name (see <see cref="SolutionRoles"/>).</summary>
    public UserBuilder WithRole(string solutionRoleName)
    {
        _roles.Add(_dataverse.SolutionRoleId(solutionRoleName));
        return this;
    }

    /// <summary>The System Administrator role: every table privilege, but secured columns only through a profile.</summary>
    public UserBuilder AsSystemAdministrator()
    {
        _roles.Add(_dataverse.SystemAdministratorRoleId);
        return this;
    }

    public UserBuilder WithRoleId(Guid roleId)
    {
        _roles.Add(roleId);
        return this;
    }

    /// <summary>A field security profile the solution ships, by name (see <see cref="SolutionFieldSecurityProfiles"/>).</summary>
    public UserBuilder WithProfile(string solutionProfileName)
    {
        _profiles.Add(_dataverse.SolutionFieldSecurityProfileId(solutionProfileName));
        return this;
    }

    /// <summary>The built-in System Administrator field security profile (every secured column).</summary>
    public UserBuilder WithSystemAdministratorProfile()
    {
        _profiles.Add(_dataverse.SystemAdministratorProfileId);
        return this;
    }

    public UserBuilder InBusinessUnit(Guid businessUnitId)
    {
        _businessUnit = businessUnitId;
        return this;
    }

    public UserBuilder InTeam(Guid teamId)
    {
        _teams.Add(teamId);
        return this;
    }

    public Guid Create()
    {
        var id = _dataverse.CreateUser(_fullName, _id, _businessUnit);
        foreach (var role in _roles)
        {
            _dataverse.AssignRole(id, role);
        }

        foreach (var profile in _profiles)
        {
            _dataverse.AssignFieldSecurityProfile(id, profile);
        }

        foreach (var team in _teams)
        {
            _dataverse.AddTeamMember(team, id);
        }

        return id;
    }
}
