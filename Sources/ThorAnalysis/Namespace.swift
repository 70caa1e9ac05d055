// Placeholder so the target exists; replaced by its first real file.
