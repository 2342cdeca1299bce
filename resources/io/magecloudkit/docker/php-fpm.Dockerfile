# MageCloudKit php-fpm base image: PHP 8.2 FPM with the extensions Magento 2.4 needs, our
# configuration, and a non-root user. The Magento tree is added on top by `mck build-images`
# (Jib, see images.yml); this image is its `base`.
# Build context: resources/io/magecloudkit
#   docker build -f docker/php-fpm.Dockerfile -t <registry>/magecloudkit/php-fpm-base:8.2 resources/io/magecloudkit
FROM php:8.2-fpm-bookworm

# Built into PHP (or the php image) already: ctype, curl, dom, fileinfo, filter, hash, iconv, json,
# libxml, mbstring, openssl, pcre, simplexml, sodium, tokenizer, xmlwriter.
RUN set -eux; \
    buildDeps='libfreetype6-dev libicu-dev libjpeg62-turbo-dev libpng-dev libwebp-dev libxml2-dev libxslt1-dev libzip-dev'; \
    apt-get update; \
    apt-get install -y --no-install-recommends $buildDeps libfreetype6 libicu72 libjpeg62-turbo libpng16-16 libwebp7 libxslt1.1 libzip4; \
    docker-php-ext-configure gd --with-freetype --with-jpeg --with-webp; \
    docker-php-ext-install -j"$(nproc)" bcmath gd intl pdo_mysql soap sockets xsl zip opcache; \
    pecl install redis-6.1.0; \
    docker-php-ext-enable redis; \
    curl -fsSL -o /tmp/blackfire.tar.gz "https://blackfire.io/api/v1/releases/probe/php/linux/$(uname -m)/82"; \
    mkdir -p /tmp/blackfire; tar -xzf /tmp/blackfire.tar.gz -C /tmp/blackfire; \
    mv /tmp/blackfire/blackfire-*.so "$(php -r 'echo ini_get("extension_dir");')/blackfire.so"; \
    rm -rf /tmp/blackfire /tmp/blackfire.tar.gz /tmp/pear; \
    apt-get purge -y --auto-remove $buildDeps; \
    rm -rf /var/lib/apt/lists/*; \
    php -m | grep -qi '^intl$'; php -m | grep -qi '^redis$'

# AWS's RDS CA bundle: Aurora requires TLS and pdo_mysql verifies its certificate against it
# (MAGENTO_DB_SSL_CA, whose default in write-env-php.php is this path).
RUN set -eux; \
    mkdir -p /usr/local/share/magecloudkit; \
    curl -fsSL -o /usr/local/share/magecloudkit/rds-global-bundle.pem https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem; \
    grep -q 'BEGIN CERTIFICATE' /usr/local/share/magecloudkit/rds-global-bundle.pem; \
    chmod 644 /usr/local/share/magecloudkit/rds-global-bundle.pem

# The php image's own pool (php-fpm.d/www.conf, zz-docker.conf) is not used: our entrypoint
# starts php-fpm with magecloudkit/php-fpm.conf, which includes only the Magento pool.
COPY php/php-fpm.conf php/php-fpm-pool.conf /usr/local/etc/magecloudkit/
COPY php/php.ini /usr/local/etc/php/conf.d/zz-magecloudkit.ini
COPY php/opcache.ini /usr/local/etc/php/conf.d/zz-magecloudkit-opcache.ini
COPY blackfire/blackfire.ini /usr/local/etc/php/blackfire.d/blackfire.ini
COPY php/write-env-php.php /usr/local/lib/magecloudkit/write-env-php.php
COPY --chmod=755 php/docker-entrypoint.sh /usr/local/bin/mck-php-entrypoint

# Non-root; env.php is written at start into /run/magento (the only writable place the app
# needs), and app/etc/env.php links there so image layers added later cannot take it away.
RUN set -eux; \
    groupadd --system --gid 1000 magento; \
    useradd --system --uid 1000 --gid magento --home-dir /var/www/magento --no-create-home magento; \
    mkdir -p /var/www/magento/app/etc /run/magento; \
    chown magento:magento /run/magento; chmod 750 /run/magento; \
    ln -s /run/magento/env.php /var/www/magento/app/etc/env.php

ENV MAGENTO_ROOT=/var/www/magento PHP_FPM_LISTEN=127.0.0.1:9000 PHP_MEMORY_LIMIT=2G
USER 1000:1000
WORKDIR /var/www/magento
EXPOSE 9000
ENTRYPOINT ["/usr/local/bin/mck-php-entrypoint"]
