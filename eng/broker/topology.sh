# Queue topology shared by rabbitmq-up.sh and the worker's default configuration
# (integration/CreditOS.Integration.Worker/appsettings.json). Keep the two in step.
# Input queues: each gets a quorum queue plus a dead-letter queue named <queue>.dlq.
CREDITOS_INPUT_QUEUES="creditos.erp.payments creditos.erp.receivables creditos.bureau.reports creditos.orders.intake"
# Reply queues the sales channels listen on (the address travels in each order's reply-to).
CREDITOS_REPLY_QUEUES="creditos.replies.webshop creditos.replies.edi creditos.replies.partnerportal"
# Same as Azure Service Bus' default MaxDeliveryCount.
CREDITOS_DELIVERY_LIMIT=10
# Local test credentials for the loopback-only broker. Not secrets: they never leave this machine.
CREDITOS_BROKER_USER=creditos
CREDITOS_BROKER_PASSWORD=creditos-local
CREDITOS_BROKER_PORT=5672
