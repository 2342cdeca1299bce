# MageCloudKit Blackfire agent: the official agent image with our configuration. The agent reads
# BLACKFIRE_SERVER_ID and BLACKFIRE_SERVER_TOKEN from its environment (ECS container secrets).
# Build context: resources/io/magecloudkit
#   docker build -f docker/blackfire.Dockerfile -t <registry>/magecloudkit/blackfire:2 resources/io/magecloudkit
FROM blackfire/blackfire:2

COPY blackfire/agent.ini /etc/blackfire/agent
ENV BLACKFIRE_SOCKET=tcp://0.0.0.0:8307
EXPOSE 8307
