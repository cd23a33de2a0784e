-- The desired state, split over files in any order: schemadiff orders statements itself.
CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped', 'refunded');
