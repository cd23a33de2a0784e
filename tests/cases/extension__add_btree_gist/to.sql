CREATE EXTENSION "btree_gist";
