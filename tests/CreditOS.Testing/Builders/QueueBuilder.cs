namespace CreditOS.Testing.Builders;

public sealed class QueueBuilder : RowBuilder<QueueBuilder>
{
    internal QueueBuilder()
        : base("queue")
    {
        With("name", "Queue");
    }

    public QueueBuilder Named(string name) => With("name", name);
}
