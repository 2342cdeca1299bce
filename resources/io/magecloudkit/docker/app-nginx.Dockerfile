# MageCloudKit nginx app image for `mck build-images --builder docker|buildah`: pub/ of the Magento
# tree on top of the base built from nginx.Dockerfile, in the Jib builder's layer order (pub/static/
# first, then the rest of pub/). nginx takes nothing else of the tree (images.yml: app: [pub]).
# Build context: the Magento tree. What never goes in (pub/media/, logs, ...) is in
# app.dockerignore, which mck writes next to this file. mck fills in appRoot and environment.
ARG BASE_IMAGE

# pub/ without pub/static/ (its own layer below). A throwaway stage, because COPY cannot leave out
# subfolders on every docker and buildah version (--exclude is new).
FROM ${BASE_IMAGE} AS rest
USER 0
COPY pub/ /mck-app/pub/
RUN rm -rf /mck-app/pub/static

FROM ${BASE_IMAGE}
COPY pub/static/ {{appRoot}}/pub/static/
COPY --from=rest /mck-app/ {{appRoot}}/
{{environment}}
