# MageCloudKit php-fpm app image for `mck build-images --builder docker|buildah`: the Magento tree
# on top of the base built from php-fpm.Dockerfile, in the Jib builder's layer order (vendor/, then
# generated/ and pub/static/, then the rest), so a change to app code leaves the big layers alone.
# Build context: the Magento tree. What never goes in (var/, pub/media/, .git/, app/etc/env.php,
# logs) is in app.dockerignore, which mck writes next to this file. mck fills in appRoot and environment.
ARG BASE_IMAGE

# The rest of the tree without the folders that have their own layer below. A throwaway stage,
# because COPY cannot leave out subfolders on every docker and buildah version (--exclude is new).
FROM ${BASE_IMAGE} AS rest
USER 0
COPY . /mck-app/
RUN rm -rf /mck-app/vendor /mck-app/generated /mck-app/pub/static

FROM ${BASE_IMAGE}
COPY vendor/ {{appRoot}}/vendor/
COPY generated/ {{appRoot}}/generated/
COPY pub/static/ {{appRoot}}/pub/static/
COPY --from=rest /mck-app/ {{appRoot}}/
{{environment}}
