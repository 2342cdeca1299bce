# MageCloudKit nginx image: the official nginx image with our templates, running as the
# image's unprivileged nginx user (uid 101) on port 8080. pub/ of the Magento tree is added by
# `mck build-images` (Jib, see images.yml).
# Build context: resources/io/magecloudkit
#   docker build -f docker/nginx.Dockerfile -t <registry>/magecloudkit/nginx:1.27 resources/io/magecloudkit
FROM nginx:1.27-alpine

COPY nginx/nginx.conf nginx/magento.conf nginx/security-headers.conf /etc/nginx/magecloudkit/
COPY --chmod=755 nginx/docker-entrypoint.sh /usr/local/bin/mck-nginx-entrypoint

ENV NGINX_TEMPLATE_DIR=/etc/nginx/magecloudkit NGINX_RUNTIME_DIR=/tmp/nginx NGINX_LISTEN_PORT=8080 \
    MAGENTO_ROOT=/var/www/magento
USER 101:101
WORKDIR /var/www/magento
EXPOSE 8080
STOPSIGNAL SIGQUIT
ENTRYPOINT ["/usr/local/bin/mck-nginx-entrypoint"]
