namespace System.Activities;

/// <summary>net10.0 only: an activity whose work is done in Execute.</summary>
public abstract class CodeActivity : Activity
{
    protected CodeActivity()
    {
    }

    protected abstract void Execute(CodeActivityContext context);

    /// <summary>Runs the activity; used by the local Dataverse, which plays the workflow runtime.</summary>
    internal void RunWith(CodeActivityContext context) => Execute(context);
}
