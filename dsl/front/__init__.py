"""Front ends over the engine and the render layer (the playground's server,
``dsl.front.serve``). Nothing below ``dsl.front`` imports from here."""
