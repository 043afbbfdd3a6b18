"""Alembic environment: runs on the connection that sitrep.store.db hands over."""

from alembic import context

from sitrep.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # plain `alembic upgrade` with sqlalchemy.url in the ini
    from sqlalchemy import engine_from_config, pool

    engine = engine_from_config(context.config.get_section(context.config.config_ini_section) or {},
                                prefix="sqlalchemy.", poolclass=pool.NullPool)
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
